package org.genmodels.savedmodels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ModelPlugins;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.tf.CheckpointReader;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * What the embedding API's classes share: opening an export or a checkpoint as a
 * {@link ServingSession} of the expected kind, checking that the signatures it needs are there,
 * and running a signature into plain float rows. Thread-safe as {@link ServingSession} is.
 */
final class ModelHandle implements AutoCloseable {
  private final ServingSession session;

  private ModelHandle(ServingSession session) {
    this.session = session;
  }

  /**
   * Opens {@code dir}, an export (a SavedModel) or a training checkpoint of a {@code kind} model
   * (of any kind when null), which must serve {@code required}.
   *
   * @throws UserException when {@code dir} holds neither, another kind of model, or an export
   *                       without one of the signatures
   */
  static ModelHandle open(Path dir, ModelPlugin kind, CheckpointHints hints, List<String> required) {
    return open(dir, kind, hints, required, false);
  }

  /**
   * {@link #open(Path, ModelPlugin, CheckpointHints, List)}, its session with TensorFlow's bfloat16
   * rewrite when {@code bf16Rewrite} ({@link ServingSession#load(Path, List, boolean)}). The caller
   * checks the CPU. A checkpoint is rebuilt without the rewrite as its model's
   * {@link ServingModel#inProcess()} form (the DDPM's on the generic conv), with it as the model itself.
   */
  static ModelHandle open(Path dir, ModelPlugin kind, CheckpointHints hints, List<String> required,
      boolean bf16Rewrite) {
    if (!Files.isDirectory(dir)) {
      throw new UserException("no model directory " + dir.toAbsolutePath() + ": give an export (with"
          + " saved_model.pb) or a checkpoint directory (with variables.index)");
    }
    ServingSession s;
    if (SavedModelInfo.isSavedModel(dir)) {
      s = ServingSession.load(dir, List.of(SavedModelBundle.DEFAULT_TAG), bf16Rewrite);
    } else {
      CheckpointReader r = CheckpointReader.open(dir);
      ModelPlugin found = ModelPlugins.detect(dir, r);
      if (kind != null && !found.name().equals(kind.name())) {
        throw new UserException(dir + " holds a " + found.displayName() + " checkpoint, not a "
            + kind.displayName() + " one: open it with the class for " + found.name());
      }
      ServingModel model = found.servingFromCheckpoint(dir, r, hints);
      // the rewrite casts Conv2D only: a session that turns it on builds the model as an export holds it
      s = ServingSession.build(bf16Rewrite ? model : model.inProcess(), dir, bf16Rewrite);
    }
    return checked(s, kind == null ? "sampling" : kind.displayName(), required);
  }

  /**
   * The config keys a caller's settings record sets, labelled for messages: what
   * {@code fromCheckpoint(dir, settings)} checks against a checkpoint's config.
   */
  static Map<String, String> settingsGiven(String... keys) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String k : keys) {
      given.put(k, "the settings given");
    }
    return given;
  }

  /** Wraps a session built here, checking it serves {@code required}. */
  static ModelHandle checked(ServingSession s, ModelPlugin kind, List<String> required) {
    return checked(s, kind.displayName(), required);
  }

  private static ModelHandle checked(ServingSession s, String what, List<String> required) {
    List<String> missing = new ArrayList<>(required);
    missing.removeIf(s::has);
    if (!missing.isEmpty()) {
      String has = String.join(", ", s.signatures().stream().map(SignatureSpec::key).toList());
      s.close();
      throw new UserException(s.source() + " is not a " + what + " export: it lacks the signatures "
          + missing + " (it has " + has + ")");
    }
    return new ModelHandle(s);
  }

  /** The dimensions after the batch of input {@code input} of signature {@code key}. */
  long[] rowShape(String key, String input) {
    long[] dims = session.signature(key).input(input).orElseThrow(() -> new UserException(session.source()
        + ": signature '" + key + "' has no input '" + input + "'")).shape();
    return Arrays.copyOfRange(dims, 1, dims.length);
  }

  /** Whether signature {@code key} is served. */
  boolean has(String key) {
    return session.has(key);
  }

  /** Runs {@code key} and returns output {@code output} as rows. The caller closes {@code inputs}. */
  float[][] run(String key, Map<String, ? extends Tensor> inputs, String output) {
    return run(key, inputs, List.of(output)).get(0);
  }

  /** Runs {@code key} and returns the {@code outputs} as rows, in that order. */
  List<float[][]> run(String key, Map<String, ? extends Tensor> inputs, List<String> outputs) {
    try (Result r = session.call(key, inputs)) {
      List<float[][]> out = new ArrayList<>();
      for (String name : outputs) {
        out.add(Rows.of(r.get(name).orElseThrow(() -> new UserException(session.source() + ": signature '"
            + key + "' has no output '" + name + "'"))));
      }
      return out;
    }
  }

  /** Runs a {@code sample} signature: {@code n} images from {@code seed}. */
  float[][] sample(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot sample " + n + " images");
    }
    try (TInt32 count = TInt32.scalarOf(n); TInt64 s = TInt64.scalarOf(seed)) {
      return run(Signatures.SAMPLE, Map.of(Signatures.COUNT, count, Signatures.SEED, s), Signatures.IMAGES);
    }
  }

  ServingSession session() {
    return session;
  }

  @Override
  public void close() {
    session.close();
  }
}
