package org.genmodels.savedmodels;

import org.genmodels.savedmodels.sidebyside.SideBySideCommand;
import org.genmodels.shared.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code savedmodels}: inspect and run any SavedModel, export ours, check parity with Python, benchmark,
 * and compare every model's speed with its PyTorch peer.
 */
@Command(name = "savedmodels", mixinStandardHelpOptions = true, showDefaultValues = true,
    subcommands = {InspectCommand.class, RunCommand.class, ExportCommand.class, ImportCommand.class, ParityCommand.class,
        BenchmarkCommand.class, SideBySideCommand.class},
    description = {"Load SavedModels written by Python (TF1 and TF2/Keras), run their signatures on .npy files,"
        + " export this project's trained models as SavedModels, check that Java rebuilds Python's models"
        + " exactly, time the embedding API, and time every model beside its PyTorch peer."})
public final class SavedModelsMain implements Runnable {
  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    Cli.main(new SavedModelsMain(), args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
