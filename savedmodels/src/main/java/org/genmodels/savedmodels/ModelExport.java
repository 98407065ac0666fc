package org.genmodels.savedmodels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genmodels.ae.Autoencoder;
import org.genmodels.ae.AutoencoderServing;
import org.genmodels.cvae.Cvae;
import org.genmodels.cvae.CvaeServing;
import org.genmodels.shared.io.AtomicFiles;
import org.genmodels.shared.io.DirectoryKind;
import org.genmodels.shared.io.DistinctPaths;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.train.Checkpoints;
import org.genmodels.vae.Vae;
import org.genmodels.vae.VaeServing;
import org.tensorflow.Session;

/**
 * Exports a trained model as a SavedModel with serving signatures ({@link Signatures}): a fresh
 * inference graph ({@link ServingModel}) with the trained weights restored into it, so the export
 * holds the weights and nothing of training (no Adam slots, no step counter). The directory is
 * written beside its place and renamed into it when complete: a crash leaves the previous export.
 * It replaces only an earlier export ({@link #DIRECTORY}), never the checkpoint it reads.
 *
 * <p>What it writes is a TF1-style SavedModel: {@code saved_model.pb} with one meta graph tagged
 * {@code serve} and {@code variables/} — what TF Serving and Python's
 * {@code tf.saved_model.load} read.
 *
 * <p>Stateless; an export from a live model must not overlap with its training (the weights are
 * read at one moment through a checkpoint).
 */
public final class ModelExport {
  /**
   * What an export directory holds, and so what an export replaces: what TF Java's exporter
   * writes, {@code saved_model.pb} and the variables' checkpoint. A SavedModel of Python's
   * (with {@code fingerprint.pb}, {@code assets/} or {@code keras_metadata.pb}) is not one, and
   * neither is any other folder: they are replaced only when the user forces it.
   */
  public static final DirectoryKind DIRECTORY = DirectoryKind.of("SavedModel export",
      "write the export elsewhere, or move that folder away", "saved_model.pb", "variables/",
      "variables/variables.index", "variables/variables.data-*-of-*");

  private ModelExport() {
  }

  /**
   * Exports {@code model} with the weights of the checkpoint (or export) in {@code checkpointDir},
   * replacing an earlier export in {@code exportDir}.
   *
   * @throws org.genmodels.shared.cli.UserException when {@code exportDir} holds anything else,
   *         or is, holds or lies inside {@code checkpointDir}
   */
  public static void fromCheckpoint(ServingModel model, Path checkpointDir, Path exportDir) throws IOException {
    fromCheckpoint(model, checkpointDir, exportDir, DIRECTORY);
  }

  /**
   * As {@link #fromCheckpoint(ServingModel, Path, Path)}, replacing an existing {@code exportDir}
   * of {@code replaceable} ({@link DirectoryKind#anything} to force it); never the checkpoint.
   */
  public static void fromCheckpoint(ServingModel model, Path checkpointDir, Path exportDir,
      DirectoryKind replaceable) throws IOException {
    if (checkpointDir != null) {
      DistinctPaths.requireApart(checkpointDir, "the checkpoint being exported", exportDir, "the export directory",
          "write the export elsewhere");
    }
    replaceable.requireReplaceable(exportDir);
    try (ServingSession s = ServingSession.build(model, checkpointDir)) {
      s.export(exportDir, replaceable);
    }
  }

  /**
   * Exports {@code model} with the weights of the live session {@code trained} (a training graph
   * with the same variable names): they pass through a temporary checkpoint. Replaces an earlier
   * export in {@code exportDir}, and refuses anything else there.
   */
  public static void fromSession(ServingModel model, Session trained, Path exportDir) throws IOException {
    fromSession(model, trained, exportDir, DIRECTORY);
  }

  /** As {@link #fromSession(ServingModel, Session, Path)}, replacing an existing directory of {@code replaceable}. */
  public static void fromSession(ServingModel model, Session trained, Path exportDir, DirectoryKind replaceable)
      throws IOException {
    replaceable.requireReplaceable(exportDir);
    Path tmp = Files.createTempDirectory("genmodels-export");
    try {
      Path checkpoint = tmp.resolve("checkpoint");
      Checkpoints.save(trained, checkpoint);
      fromCheckpoint(model, checkpoint, exportDir, replaceable);
    } finally {
      AtomicFiles.deleteRecursively(tmp);
    }
  }

  /** Exports a trained autoencoder. */
  public static void export(Autoencoder ae, Path exportDir) throws IOException {
    fromSession(AutoencoderServing.of(ae.settings()), ae.session(), exportDir);
  }

  /** Exports a trained VAE. */
  public static void export(Vae vae, Path exportDir) throws IOException {
    fromSession(VaeServing.of(vae.settings()), vae.session(), exportDir);
  }

  /** Exports a trained conv VAE or CVAE. */
  public static void export(Cvae cvae, Path exportDir) throws IOException {
    fromSession(new CvaeServing(cvae.settings()), cvae.session(), exportDir);
  }
}
