package org.genmodels.shared.model;

import java.util.Arrays;
import java.util.List;
import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.cli.UserException;

/**
 * The one main of the models: {@code ModelMain MODEL [options]} runs the command of the
 * {@link ModelPlugin} named {@code MODEL} (a model module on the class path: {@code ae}, {@code vae},
 * {@code cvae}, {@code diffusion}) with the options, through {@link Cli}. The {@code genmodels}
 * launcher and each model module's {@code mvn exec:exec} run it.
 */
public final class ModelMain {
  private ModelMain() {
  }

  /** Runs {@link #execute} and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the command of the model {@code args[0]} names with the other arguments and returns its exit
   * code; when no model, or one not on the class path, is named: one {@code error:} line naming the
   * models there are, and {@link Cli#USER_ERROR}.
   */
  public static int execute(String... args) {
    List<ModelPlugin> all = ModelPlugins.all();
    if (all.isEmpty()) {
      return Cli.usageError("no model is on the class path: add a model module's jar (ae, vae, cvae or diffusion)");
    }
    if (args.length == 0) {
      return Cli.usageError("no model given: the first argument names it, one of " + ModelPlugins.names(all));
    }
    ModelPlugin model;
    try {
      model = ModelPlugins.named(args[0]);
    } catch (UserException unknown) {
      return Cli.usageError(unknown.getMessage());
    }
    return Cli.execute(model.command(), Arrays.copyOfRange(args, 1, args.length));
  }
}
