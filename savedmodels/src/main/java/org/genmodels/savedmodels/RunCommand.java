package org.genmodels.savedmodels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.data.Npy;
import org.genmodels.shared.io.AtomicFiles;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.tf.CheckpointReader;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs one signature of a SavedModel on inputs read from {@code .npy} files and writes each
 * output to {@code <output-dir>/<name>.npy}, so that a Python user compares with numpy.
 */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Run a signature of a SavedModel on .npy inputs and write its outputs as .npy files"
        + " (<output-dir>/<output name>.npy).",
        "Inputs are matched by name: --input x=x.npy, or --inputs DIR for DIR/<input name>.npy. Arrays must have"
            + " the signature's dtype (float32, float64, int32, int64, uint8, bool or bytes) and shape."})
final class RunCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The SavedModel directory.")
  Path dir;

  @Option(names = "--signature", paramLabel = "KEY", description = "The signature to run.")
  String signature = Signatures.DEFAULT;

  @Option(names = "--input", paramLabel = "NAME=FILE", description = "An input's .npy file (repeatable).")
  Map<String, Path> inputs = new LinkedHashMap<>();

  @Option(names = "--inputs", paramLabel = "DIR", description = "A directory with <input name>.npy per input.")
  Path inputDir;

  @Option(names = "--output-dir", paramLabel = "DIR", required = true, description = "Where the outputs go.")
  Path outputDir;

  @Option(names = "--tags", paramLabel = "TAG", split = ",", description = "The meta graph's tag set.")
  List<String> tags = new ArrayList<>(List.of("serve"));

  @Option(names = "--precision", paramLabel = "fp32|bf16", description = "What the graph's convolutions and matrix"
      + " products run in: fp32, or bf16 (TensorFlow's oneDNN bfloat16 rewrite of the loaded graph; it pays for conv"
      + " models). bf16 needs a CPU with avx512_bf16 or amx_bf16.")
  Precision precision = Precision.FP32;

  @Override
  public Integer call() throws IOException {
    CpuFeatures.require(precision);
    try (ServingSession s = ServingSession.load(dir, tags, precision == Precision.BF16)) {
      SignatureSpec spec = signature(s);
      // before anything is read, so that a misspelt name is named rather than the input it misses
      List<String> unknown = new ArrayList<>(inputs.keySet());
      unknown.removeAll(spec.inputNames());
      if (!unknown.isEmpty()) {
        throw new UserException("signature '" + spec.key() + "' has no input " + String.join(", ", unknown)
            + "; its inputs are " + String.join(", ", spec.inputNames()));
      }
      Map<String, Tensor> feeds = new LinkedHashMap<>();
      try {
        for (TensorSpec in : spec.inputs()) {
          Path file = fileFor(in.name());
          Tensor t = NpyTensors.toTensor(read(file), file.toString());
          feeds.put(in.name(), t);
          check(spec, in, t, file);
        }
        try (Result r = s.call(spec.key(), feeds)) {
          Files.createDirectories(outputDir);
          for (Map.Entry<String, Tensor> e : r) {
            Npy.Array a = NpyTensors.toArray(e.getValue(), e.getKey());
            Path file = outputDir.resolve(e.getKey() + ".npy");
            AtomicFiles.write(file, tmp -> Files.write(tmp, Npy.encode(a.descr(), a.shape(), a.data())));
            System.out.printf(Locale.ROOT, "%s: %s %s -> %s%n", e.getKey(),
                CheckpointReader.dtypeName(e.getValue().dataType()), Arrays.toString(a.shape()), file);
          }
        }
      } finally {
        feeds.values().forEach(Tensor::close);
      }
    }
    return 0;
  }

  private SignatureSpec signature(ServingSession s) {
    try {
      return s.signature(signature);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage() + " (choose one with --signature)");
    }
  }

  private Path fileFor(String input) {
    Path file = inputs.get(input);
    if (file == null && inputDir != null) {
      file = inputDir.resolve(input + ".npy");
    }
    if (file == null) {
      throw new UserException("no file for input '" + input + "' of signature '" + signature + "': give --input "
          + input + "=FILE.npy or --inputs DIR holding " + input + ".npy");
    }
    return file;
  }

  private static Npy.Array read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Npy.read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new UserException("input file " + file + " does not exist");
    }
  }

  private static String numpyCast(TensorSpec in) {
    return switch (in.dtype()) {
      case DT_STRING -> "a.astype(np.bytes_)";
      case DT_BOOL -> "a.astype(np.bool_)";
      default -> "a.astype(np." + CheckpointReader.dtypeName(in.dtype()) + ")";
    };
  }

  private static void check(SignatureSpec spec, TensorSpec in, Tensor t, Path file) {
    long[] dims = t.shape().asArray();
    if (t.dataType() != in.dtype()) {
      throw new UserException("input '" + in.name() + "' of signature '" + spec.key() + "' takes "
          + in.describeType() + " but " + file + " holds " + CheckpointReader.dtypeName(t.dataType()) + " "
          + Arrays.toString(dims) + ": save it as " + CheckpointReader.dtypeName(in.dtype()) + " (numpy: "
          + numpyCast(in) + ")");
    }
    if (!in.fits(dims)) {
      throw new UserException("input '" + in.name() + "' of signature '" + spec.key() + "' takes shape "
          + Arrays.toString(in.shape()) + " (-1: any size) but " + file + " holds " + Arrays.toString(dims));
    }
    for (long d : dims) {
      if (d == 0) {
        throw new UserException(file + " holds an empty array " + Arrays.toString(dims) + " for input '" + in.name()
            + "' of signature '" + spec.key() + "': give at least one example");
      }
    }
  }
}
