package org.genmodels.savedmodels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genmodels.ae.Autoencoder;
import org.genmodels.cvae.Cvae;
import org.genmodels.shared.io.AtomicFiles;
import org.genmodels.shared.train.Checkpoints;
import org.genmodels.vae.Vae;
import org.tensorflow.Session;

/**
 * Exports a trained model as a SavedModel with serving signatures ({@link Signatures}): a fresh
 * inference graph ({@link ServingModel}) with the trained weights restored into it, so the export
 * holds the weights and nothing of training (no Adam slots, no step counter). The directory is
 * written beside its place and renamed into it when complete: a crash leaves the previous export.
 *
 * <p>What it writes is a TF1-style SavedModel: {@code saved_model.pb} with one meta graph tagged
 * {@code serve} and {@code variables/} — what TF Serving and Python's
 * {@code tf.saved_model.load} read.
 *
 * <p>Stateless; an export from a live model must not overlap with its training (the weights are
 * read at one moment through a checkpoint).
 */
public final class ModelExport {
  private ModelExport() {
  }

  /** Exports {@code model} with the weights of the checkpoint (or export) in {@code checkpointDir}. */
  public static void fromCheckpoint(ServingModel model, Path checkpointDir, Path exportDir) throws IOException {
    try (ServingSession s = ServingSession.build(model, checkpointDir)) {
      s.export(exportDir);
    }
  }

  /**
   * Exports {@code model} with the weights of the live session {@code trained} (a training graph
   * with the same variable names): they pass through a temporary checkpoint.
   */
  public static void fromSession(ServingModel model, Session trained, Path exportDir) throws IOException {
    Path tmp = Files.createTempDirectory("genmodels-export");
    try {
      Path checkpoint = tmp.resolve("checkpoint");
      Checkpoints.save(trained, checkpoint);
      fromCheckpoint(model, checkpoint, exportDir);
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
