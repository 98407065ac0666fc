package org.genmodels.savedmodels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.weights.WeightArray;
import org.genmodels.shared.weights.WeightFile;
import org.genmodels.shared.weights.WeightFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Lists what a SavedModel serves — its tag sets and, for each, the signatures with their inputs'
 * and outputs' names, dtypes, shapes and graph tensors — and, on request or for a plain
 * checkpoint directory, its variables with their checkpoint keys (object-graph paths for TF2); or,
 * for a weights file of another framework (PyTorch, Paddle, Keras HDF5), its format and every
 * tensor with its dtype and shape (and, for Keras, where in the file it lies).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "List a SavedModel's tags and signatures (inputs and outputs with dtypes and shapes; -1 is any"
        + " size), a checkpoint's variables, or the tensors of a PyTorch (.pt), Paddle (.pdparams) or Keras"
        + " (.h5, .keras) weights file with its format.")
final class InspectCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PATH", description = "A SavedModel directory (with saved_model.pb), a checkpoint directory,"
      + " or a weights file.")
  Path dir;

  @Option(names = "--variables", description = "Also list the variables: checkpoint key, dtype, shape.")
  boolean variables;

  @Override
  public Integer call() {
    if (!Files.exists(dir)) {
      throw new UserException("no such file or directory " + dir.toAbsolutePath() + ": give a SavedModel or"
          + " checkpoint directory, or a weights file");
    }
    if (Files.isRegularFile(dir)) {
      printWeights(WeightFiles.read(dir));
      return 0;
    }
    if (!SavedModelInfo.isSavedModel(dir)) {
      printVariables(CheckpointReader.open(dir));
      return 0;
    }
    SavedModelInfo info = SavedModelInfo.read(dir);
    System.out.println("SavedModel " + dir.toAbsolutePath().normalize());
    for (SavedModelInfo.MetaGraph g : info.metaGraphs()) {
      System.out.println("tags [" + String.join(",", g.tags()) + "]"
          + (g.tfVersion().isEmpty() ? "" : ", written by TensorFlow " + g.tfVersion())
          + (g.objectCount() > 0 ? ", TF2 object graph of " + g.objectCount() + " objects" : ", TF1 graph")
          + ", " + g.signatures().size() + " signatures");
      for (SignatureSpec s : g.signatures()) {
        System.out.println("  signature " + s.key() + (s.method() == null || s.method().isEmpty() ? "" : " (" + s.method() + ")"));
        s.inputs().forEach(t -> System.out.println(line("input ", t)));
        s.outputs().forEach(t -> System.out.println(line("output", t)));
      }
    }
    if (!Files.isRegularFile(dir.resolve("variables").resolve("variables.index"))) {
      System.out.println("variables: none");
      return 0;
    }
    CheckpointReader r = CheckpointReader.open(dir);
    if (variables) {
      printVariables(r);
    } else {
      System.out.println("variables: " + r.keys().size() + " tensors (list them with --variables)");
    }
    return 0;
  }

  private static String line(String role, TensorSpec t) {
    return String.format(Locale.ROOT, "    %s %-16s %-28s %s", role, t.name(), t.describeType(), t.tensor());
  }

  private void printWeights(WeightFile f) {
    System.out.println(f.format() + " " + dir.toAbsolutePath().normalize() + ": " + f.arrays().size() + " tensors");
    for (WeightArray a : f.arrays()) {
      System.out.printf(Locale.ROOT, "  %-50s %-22s%s%n", a.name(), a.describe(),
          a.origin().equals(a.name()) ? "" : "  " + a.origin());
    }
    f.notes().forEach(n -> System.out.println("note: " + n));
  }

  private static void printVariables(CheckpointReader r) {
    System.out.println("variables in " + r.prefix() + ": " + r.keys().size() + " tensors");
    for (String key : r.keys()) {
      System.out.printf(Locale.ROOT, "  %-60s %s%n", key, r.require(key).describe());
    }
  }
}
