package org.genmodels.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.genmodels.shared.data.DatasetName;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.junit.jupiter.api.Test;

/** The shared run options: each command's defaults in its help, its own words from its bundle. */
class RunOptionsTest {
  @Command(name = "model", showDefaultValues = true, resourceBundle = "org.genmodels.shared.cli.RunOptionsTestBundle")
  static final class WithDefaults implements Runnable {
    @Mixin
    RunOptions run = new RunOptions(DatasetName.MNIST, 7, 64, 22L, Path.of("outputs/model"));

    @Mixin
    AdamOptions adam = new AdamOptions(0.002f);

    @Override
    public void run() {
    }
  }

  @Command(name = "preset", showDefaultValues = true)
  static final class Preset implements Runnable {
    @Mixin
    RunOptions run = new RunOptions(null, null, null, null, null);

    @Override
    public void run() {
    }
  }

  private static String help(Object command) {
    return new CommandLine(command).getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
  }

  @Test
  void helpShowsTheCommandsDefaultsAndItsOwnWords() {
    String help = help(new WithDefaults());
    assertTrue(help.contains("--epochs=N Epochs to train. Default: 7"), help);
    assertTrue(help.contains("--lr=RATE Adam learning rate. Default: 0.002"), help);
    assertTrue(help.contains("--batch-size=N Examples per step, in this model's words. Default: 64"), help);
    assertTrue(help.contains("--output=DIR Where pictures and checkpoints go. Default: outputs"), help);
  }

  @Test
  void givenValuesReplaceTheDefaults() {
    WithDefaults c = new WithDefaults();
    new CommandLine(c).registerConverter(DatasetName.class, DatasetName::fromCliName)
        .parseArgs("--epochs", "3", "--dataset", "fashion", "--lr", "0.5");
    assertEquals(3, c.run.epochs);
    assertEquals(DatasetName.FASHION_MNIST, c.run.dataset);
    assertEquals(64, c.run.batchSize);
    assertEquals(0.5f, c.adam.learningRate);
  }

  @Test
  void withoutDefaultsNothingIsShownAndAnOptionNotGivenStaysNull() {
    String help = help(new Preset());
    assertFalse(help.contains("Default:"), help);
    assertTrue(help.contains("--batch-size=N Examples per step."), help);
    Preset c = new Preset();
    new CommandLine(c).parseArgs("--batch-size", "5");
    assertEquals(5, c.run.batchSize);
    assertNull(c.run.epochs);
    assertNull(c.run.seed);
  }
}
