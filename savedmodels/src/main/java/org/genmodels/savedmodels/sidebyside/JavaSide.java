package org.genmodels.savedmodels.sidebyside;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.model.ModelMain;
import org.genmodels.shared.model.ModelPlugins;

/**
 * Runs a model's {@code benchmark} in a child JVM: this JVM's java, JVM options and class path, the
 * one main of the models ({@link ModelMain}) with the model's name, so that each Java run starts cold as each PyTorch run
 * does, and no run inherits another's TensorFlow threads, caches or heap. Stateless.
 */
public final class JavaSide {
  private JavaSide() {
  }

  /** The child's command line for {@code pair}. */
  public static List<String> command(Pairing pair) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-classpath");
    command.add(System.getProperty("java.class.path"));
    command.add(ModelMain.class.getName());
    command.add(ModelPlugins.named(pair.model()).name());
    command.addAll(pair.javaArgs());
    return command;
  }

  /** Runs {@code pair}'s Java benchmark to its end and reads its timings. */
  public static JavaBenchmarkOutput run(Pairing pair) {
    return JavaBenchmarkOutput.parse(ProcessRun.run(command(pair), Map.of()).requireSuccess().output());
  }
}
