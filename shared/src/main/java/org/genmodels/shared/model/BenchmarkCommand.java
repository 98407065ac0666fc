package org.genmodels.shared.model;

import java.util.concurrent.Callable;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.tf.Engine;
import org.genmodels.shared.train.Timings;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code MODEL benchmark}: the speed of any model, as one subcommand of each model's command
 * ({@code subcommands = BenchmarkCommand.class}). Trains warm-up units untimed, times training
 * units (epochs, or steps), then times the model's other calls (reconstruction, sampling), and
 * prints the mean, median and fastest of each (shared machines drift by tens of percent from
 * minute to minute, so the median and minimum say more than the mean alone). Prints numbers;
 * asserts nothing.
 *
 * <p>The model is the {@link ModelPlugin} named as the parent command; its
 * {@link ModelPlugin#benchmark()} supplies the options, added here as a mixin once picocli has
 * built the command tree, and the work. Model options are the parent command's.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
    modelTransformer = BenchmarkCommand.AddModelOptions.class,
    description = "Print the seconds per training epoch (or step) and of the model's other calls."
        + " Model and data options are the parent command's (e.g. MODEL --batch-size 512 benchmark).")
public final class BenchmarkCommand implements Callable<Integer> {
  private static final String MIXIN = "model";

  @ParentCommand
  Object parent;

  @Spec
  CommandSpec spec;

  /** Adds the options of the model this command is a subcommand of. */
  static final class AddModelOptions implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      if (spec.parent() != null && !spec.mixins().containsKey(MIXIN)) {
        Benchmarkable model = ModelPlugins.named(spec.parent().name()).benchmark();
        spec.addMixin(MIXIN, CommandSpec.forAnnotatedObject(model));
      }
      return spec;
    }
  }

  @Override
  public Integer call() {
    CommandSpec options = spec.mixins().get(MIXIN);
    if (options == null) {
      throw new IllegalStateException("benchmark must be a subcommand of a model's command");
    }
    Console console = Console.standard();
    console.println(Engine.describe());
    try (Benchmark b = ((Benchmarkable) options.userObject()).open(parent, console)) {
      Benchmark.Training t = b.train();
      console.println("train: " + Timings.describe(t.seconds(), t.unit(), t.detail()));
      for (Benchmark.Operation op : b.operations()) {
        if (op.runs() == 0) {
          // e.g. --sample-runs 0: time the training alone
          continue;
        }
        op.call().accept(-1);
        double[] seconds = Timings.each(op.runs(), op.call());
        console.println(op.name() + ": " + Timings.describe(seconds, "run", op.items() + " " + op.itemNoun()
            + ", " + op.detail()) + "; " + Timings.rates(seconds, op.items(), op.itemNoun()));
      }
    }
    return 0;
  }
}
