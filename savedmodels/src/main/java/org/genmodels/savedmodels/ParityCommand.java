package org.genmodels.savedmodels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.genmodels.ae.AutoencoderPlugin;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.data.Npy;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.tf.Engine;
import org.genmodels.shared.tf.Tensors;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Checks a Java model against what Python wrote with {@code savedmodels/python/export_seed_*.py}:
 * the seed's Keras AE or VAE in {@code DIR/saved_model} and golden inputs and outputs in
 * {@code DIR/golden/*.npy}. The Java model is this project's graph with the Keras weights copied
 * in by object path ({@link KerasSeedModels}); each of its signatures runs on the golden inputs
 * and must match Python's outputs, and the SavedModel's own signatures, run here on the same
 * inputs, must match the Java model — both within the tolerance.
 */
@Command(name = "parity", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Check the Java AE or VAE against a Keras seed model exported by savedmodels/python/"
        + " (DIR/saved_model and DIR/golden/*.npy): the Java graph with the Keras weights must reproduce"
        + " Python's golden outputs and the SavedModel's own signatures. Exit code 1 when it does not.",
        "Or check a model trained in another framework against that framework's outputs: a folder like those"
            + " of ../shared/fixtures/pytorch (seed 004's VAE and DDPM, seed 002's Paddle CVAE: the weights,"
            + " golden/*.npy) or keras_h5 (a Keras .h5 and expected.json); each line has its own bar."})
final class ParityCommand implements Callable<Integer> {
  /** One comparison: a signature run on golden inputs, one output against a golden file. */
  record Check(String signature, Map<String, String> inputs, String output, String golden) {
    String describe() {
      return signature + "(" + String.join(", ", new TreeSet<>(inputs.keySet())) + ") → " + output;
    }
  }

  static final List<Check> AE = List.of(
      new Check(Signatures.ENCODE, Map.of(Signatures.X, "x"), Signatures.CODE, "code"),
      new Check(Signatures.DECODE, Map.of(Signatures.Z, "code"), Signatures.IMAGES, "images"),
      new Check(Signatures.DEFAULT, Map.of(Signatures.X, "x"), Signatures.RECONSTRUCTION, "reconstruction"));

  static final List<Check> VAE = List.of(
      new Check(Signatures.ENCODE, Map.of(Signatures.X, "x"), Signatures.Z_MEAN, "z_mean"),
      new Check(Signatures.ENCODE, Map.of(Signatures.X, "x"), Signatures.Z_LOG_VAR, "z_log_var"),
      new Check(Signatures.DECODE, Map.of(Signatures.Z, "z"), Signatures.IMAGES, "images"),
      new Check(Signatures.DEFAULT, Map.of(Signatures.X, "x"), Signatures.RECONSTRUCTION, "reconstruction"),
      new Check(Signatures.SAMPLE, Map.of(Signatures.COUNT, "count", Signatures.SEED, "seed"), Signatures.IMAGES,
          "sample"));

  @Parameters(paramLabel = "DIR", description = "What export_seed_ae.py or export_seed_vae.py wrote.")
  Path dir;

  @Option(names = "--tolerance", paramLabel = "E", description = "Largest absolute difference allowed.")
  double tolerance = 1e-5;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new UserException("no such directory " + dir.toAbsolutePath() + ": give what an export script wrote,"
          + " or a folder of framework weights with golden outputs");
    }
    System.out.println(Engine.describe());
    Path savedModel = dir.resolve("saved_model");
    if (!Files.isDirectory(savedModel)) {
      Optional<List<ParityLine>> lines = FrameworkParity.check(dir, System.out::println);
      if (lines.isPresent()) {
        return print(lines.get());
      }
    }
    Path golden = dir.resolve("golden");
    if (!Files.isDirectory(golden)) {
      throw new UserException("no golden/ directory in " + dir + ": give the directory the export script wrote,"
          + " or a folder of framework weights with golden outputs (see ../shared/fixtures/pytorch)");
    }
    List<String> failures = new ArrayList<>();
    try (ServingSession java = KerasSeedModels.session(savedModel);
         ServingSession python = ServingSession.load(savedModel, List.of("serve"))) {
      boolean autoencoder = KerasSeedModels.kind(KerasWeights.open(savedModel)) instanceof AutoencoderPlugin;
      System.out.println("Java " + KerasSeedModels.model(KerasWeights.open(savedModel)) + " with the Keras weights of "
          + savedModel);
      System.out.printf(Locale.ROOT, "%-44s %18s %22s%n", "check", "Java vs Python", "SavedModel vs Java");
      for (Check c : autoencoder ? AE : VAE) {
        if (!c.inputs().values().stream().allMatch(f -> Files.isRegularFile(golden.resolve(f + ".npy")))
            || !Files.isRegularFile(golden.resolve(c.golden() + ".npy"))) {
          System.out.printf(Locale.ROOT, "%-44s %18s%n", c.describe(), "(no golden files)");
          continue;
        }
        float[] expected = read(golden.resolve(c.golden() + ".npy")).floats();
        float[] mine = run(java, c, golden);
        double error = maxAbsError(mine, expected);
        String own = "(no such signature)";
        if (python.has(c.signature())) {
          double e = maxAbsError(run(python, c, golden), mine);
          own = String.format(Locale.ROOT, "%.3g", e);
          if (e > tolerance) {
            failures.add(c.describe() + ": the SavedModel differs from Java by " + own);
          }
        }
        if (error > tolerance) {
          failures.add(c.describe() + String.format(Locale.ROOT, ": Java differs from Python by %.3g", error));
        }
        System.out.printf(Locale.ROOT, "%-44s %18.3g %22s%n", c.describe(), error, own);
      }
    }
    if (!failures.isEmpty()) {
      System.out.println("parity FAILED (tolerance " + tolerance + "): " + String.join("; ", failures));
      printOneDnnHint();
      return 1;
    }
    System.out.println("parity OK: every difference is at most " + tolerance);
    return 0;
  }

  /** Prints one line per check and the verdict; 1 when a difference is over its bar. */
  private static int print(List<ParityLine> lines) {
    System.out.println(ParityLine.header());
    lines.forEach(l -> System.out.println(l.format()));
    List<ParityLine> failed = ParityLine.failures(lines);
    if (!failed.isEmpty()) {
      System.out.println("parity FAILED: " + failed.size() + " of " + lines.size() + " checks: "
          + String.join(", ", failed.stream().map(ParityLine::what).toList()));
      printOneDnnHint();
      return 1;
    }
    System.out.println("parity OK: every difference is within its tolerance (" + lines.size() + " checks)");
    return 0;
  }

  /**
   * The tolerances were set on TensorFlow's reference (Eigen) kernels; oneDNN's round differently,
   * which in a deep net can move gradients by percents where a ReLU input lies near its kink (the
   * DDPM check recognizes that case itself, see {@link TorchDdpmParity#acrossAKink}).
   */
  private static void printOneDnnHint() {
    oneDnnNote(Engine.oneDnnOn()).ifPresent(System.out::println);
  }

  /** The note after a miss: present only when oneDNN's kernels are on. */
  static Optional<String> oneDnnNote(boolean oneDnnOn) {
    return oneDnnOn ? Optional.of("note: TensorFlow's oneDNN kernels are on, and the tolerances hold for its"
        + " reference kernels: run again with " + Engine.ONEDNN_VARIABLE + "=0 (the tests do)") : Optional.empty();
  }

  private static float[] run(ServingSession s, Check c, Path golden) throws IOException {
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, String> in : c.inputs().entrySet()) {
        Path file = golden.resolve(in.getValue() + ".npy");
        inputs.put(in.getKey(), NpyTensors.toTensor(read(file), file.toString()));
      }
      try (Result r = s.call(c.signature(), inputs)) {
        return Tensors.toArray(r.get(c.output()).orElseThrow(() -> new UserException(s.source() + ": signature '"
            + c.signature() + "' has no output '" + c.output() + "'")));
      }
    } finally {
      inputs.values().forEach(Tensor::close);
    }
  }

  private static Npy.Array read(Path file) throws IOException {
    try (InputStream stream = Files.newInputStream(file)) {
      return Npy.read(stream, file.toString());
    }
  }

  /** The largest absolute difference; infinite for other lengths or a NaN anywhere. */
  static double maxAbsError(float[] a, float[] b) {
    if (a.length != b.length) {
      return Double.POSITIVE_INFINITY;
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      double d = Math.abs((double) a[i] - b[i]);
      if (Double.isNaN(d)) {
        return Double.POSITIVE_INFINITY;
      }
      max = Math.max(max, d);
    }
    return max;
  }
}
