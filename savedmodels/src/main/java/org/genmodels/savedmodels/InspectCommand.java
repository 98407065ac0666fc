package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.genmodels.shared.tf.CheckpointReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Lists what a SavedModel serves — its tag sets and, for each, the signatures with their inputs'
 * and outputs' names, dtypes, shapes and graph tensors — and, on request or for a plain
 * checkpoint directory, its variables with their checkpoint keys (object-graph paths for TF2).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "List a SavedModel's tags and signatures (inputs and outputs with dtypes and shapes; -1 is any"
        + " size), or a checkpoint's variables.")
final class InspectCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "A SavedModel directory (with saved_model.pb) or a checkpoint directory.")
  Path dir;

  @Option(names = "--variables", description = "Also list the variables: checkpoint key, dtype, shape.")
  boolean variables;

  @Override
  public Integer call() {
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
    if (!java.nio.file.Files.isRegularFile(dir.resolve("variables").resolve("variables.index"))) {
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

  private static void printVariables(CheckpointReader r) {
    System.out.println("variables in " + r.prefix() + ": " + r.keys().size() + " tensors");
    for (String key : r.keys()) {
      System.out.printf(Locale.ROOT, "  %-60s %s%n", key, r.require(key).describe());
    }
  }
}
