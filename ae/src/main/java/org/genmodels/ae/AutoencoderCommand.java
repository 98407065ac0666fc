package org.genmodels.ae;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.cli.AdamOptions;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.RunOptions;
import org.genmodels.shared.model.ModelRun;
import org.genmodels.shared.model.TrainingCommand;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.nn.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains the dense autoencoder of {@code AE.py} and writes, after every epoch,
 * {@code rec_epoch_<n>.png}: the first 100 test images beside their reconstructions, and a line of
 * {@code history.csv}; keeps checkpoints in {@code <output>/checkpoint} that {@code --resume}
 * continues from. The run itself is {@link org.genmodels.shared.model.TrainingRun}'s; the
 * model's part is {@link AutoencoderRun}.
 */
@Command(name = "ae", mixinStandardHelpOptions = true, showDefaultValues = true,
    resourceBundle = "org.genmodels.ae.AutoencoderOptions",
    subcommands = org.genmodels.shared.model.BenchmarkCommand.class,
    description = "Train the dense autoencoder (AE.py: 784-256-128-20, BCE, Adam) and write"
        + " rec_epoch_<n>.png (originals | reconstructions) after every epoch.")
public final class AutoencoderCommand extends TrainingCommand<AutoencoderSettings> {
  private static final AutoencoderSettings DEFAULTS = AutoencoderSettings.defaults();

  @Mixin
  RunOptions run = new RunOptions(DEFAULTS.dataset(), DEFAULTS.epochs(), DEFAULTS.batchSize(), DEFAULTS.seed(),
      DEFAULTS.outputDir());

  @Mixin
  AdamOptions adam = new AdamOptions(DEFAULTS.learningRate());

  @Option(names = "--code-size", paramLabel = "N", description = "Width of the code (h_dim).")
  int codeSize = DEFAULTS.codeSize();

  @Option(names = "--hidden", paramLabel = "N", split = ",",
      description = "Widths of the encoder's hidden layers; the decoder mirrors them.")
  List<Integer> hidden = new ArrayList<>(DEFAULTS.hiddenSizes());

  @Option(names = "--precision", paramLabel = "fp32|bf16", description = "What the layers multiply in: fp32, or"
      + " bf16 (bfloat16 MatMuls; weights, loss and Adam stay float32). bf16 needs a CPU with avx512_bf16 or"
      + " amx_bf16 and is refused on others.")
  Precision precision = DEFAULTS.precision();

  /** The config keys of {@link AutoencoderSettings#config()} and the options that set them. */
  static final Map<String, String> OPTIONS = Map.of("dataset", "--dataset", "batch_size", "--batch-size", "seed",
      "--seed", "hidden", "--hidden", "code_size", "--code-size", "lr", "--lr", "precision", "--precision");

  /** 500 steps between checkpoints: about 4 epochs at batch 512. */
  public AutoencoderCommand() {
    super(500, OPTIONS);
  }

  @Override
  public AutoencoderSettings settings() {
    return AutoencoderSettings.builder().dataset(run.dataset).epochs(run.epochs).batchSize(run.batchSize)
        .learningRate(adam.learningRate).hiddenSizes(hidden).codeSize(codeSize).precision(precision)
        .seed(run.seed).outputDir(run.output)
        .dataDir(data.dataDir).build();
  }

  /** {@code --precision bf16} needs a CPU with bfloat16 instructions ({@link CpuFeatures#requireBf16}). */
  @Override
  protected void requireRunnable(AutoencoderSettings s) {
    CpuFeatures.require(s.precision());
  }

  @Override
  protected ModelRun start(AutoencoderSettings s, Path dir, Console console) {
    CpuFeatures.current().denseBf16Warning(s.precision()).ifPresent(console::println);
    return AutoencoderRun.start(s, dir, console);
  }
}
