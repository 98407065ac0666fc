package org.genmodels.savedmodels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.genmodels.cvae.CvaeSettings;
import org.genmodels.diffusion.DiffusionSettings;
import org.genmodels.shared.cli.GivenOptions;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.io.DirectoryKind;
import org.genmodels.shared.io.DistinctPaths;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ModelPlugins;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.vae.Likelihood;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Exports a trained model as a SavedModel with serving signatures: from the checkpoint a training
 * run wrote (the model and its sizes read from it), or from a Keras seed model exported by
 * {@code savedmodels/python/} (its weights in this project's graph).
 */
@Command(name = "export", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Export a trained model as a SavedModel (tag serve) with its serving signatures: ae encode,"
        + " decode, serving_default; vae and unconditional cvae also sample; the conditional cvae generate; the"
        + " diffusion model sample (its T steps unrolled).",
        "The model and its layer sizes are read from the checkpoint; the export holds the weights only (no"
            + " optimizer state) and is written atomically. TF Serving reads it from a numbered version"
            + " directory, e.g. --output exports/vae/1. An --output that holds anything but an earlier export is"
            + " refused unless --force is given."})
final class ExportCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--checkpoint", paramLabel = "DIR", description = "A training checkpoint: outputs/ae/checkpoint,"
        + " outputs/vae/best_model, outputs/cvae/checkpoint.")
    Path checkpoint;

    @Option(names = "--keras", paramLabel = "DIR", description = "A Keras seed model's SavedModel (AE.py or VAE.py,"
        + " written by savedmodels/python/).")
    Path keras;
  }

  @Option(names = "--output", paramLabel = "DIR", required = true, description = "The export directory: an earlier"
      + " export there is replaced, any other folder refused (see --force).")
  Path output;

  @Option(names = "--force", description = "Replace --output even when it is not an export; never the checkpoint"
      + " (or Keras model) being exported, nor a folder holding it.")
  boolean force;

  @Option(names = "--model", paramLabel = "NAME", description = "ae, vae, cvae or diffusion: check that the checkpoint is one.")
  String model;

  @Option(names = "--reconstruction", paramLabel = "bce|mse",
      description = "The VAE's decoder: bce (images are sigmoid of the output) or mse (the output itself, seed 003)."
          + " Read from the checkpoint when it keeps its settings, as this project's runs do.")
  String reconstruction = "bce";

  @Option(names = "--image-size", paramLabel = "S", description = "The DDPM's image side (--preset seed004: 64), for a"
      + " checkpoint that does not keep its settings.")
  int imageSize = DiffusionSettings.defaults().unet().imageSize();

  @Option(names = "--timesteps", paramLabel = "T", description = "The DDPM's diffusion steps, for a checkpoint that"
      + " does not keep its settings.")
  int timesteps = DiffusionSettings.defaults().timesteps();

  @Option(names = "--slope", paramLabel = "A", description = "The CVAE's LeakyReLU slope, for a checkpoint that does not"
      + " keep its settings.")
  float slope = CvaeSettings.defaults().slope();

  @Spec
  CommandSpec spec;

  /** The config keys the hints stand for, and their options. */
  private static final Map<String, String> HINTS = Map.of("reconstruction", "--reconstruction", "slope", "--slope",
      "image_size", "--image-size", "timesteps", "--timesteps");

  @Override
  public Integer call() throws IOException {
    Path from = source.keras != null ? source.keras : source.checkpoint;
    DistinctPaths.requireApart(from, source.keras != null ? "the Keras model being exported"
        : "the checkpoint being exported", output, "--output", "give another --output (--force does not"
        + " replace what is being exported)");
    DirectoryKind replaceable = force ? DirectoryKind.anything(ModelExport.DIRECTORY.name())
        : ModelExport.DIRECTORY.withRemedy("give another --output, or --force to replace it");
    replaceable.requireReplaceable(output);
    ServingModel serving;
    if (source.keras != null) {
      try (ServingSession s = KerasSeedModels.session(source.keras)) {
        serving = KerasSeedModels.model(KerasWeights.open(source.keras));
        ModelExport.fromSession(serving, s.session(), output, replaceable);
      }
    } else {
      CheckpointReader r = CheckpointReader.open(source.checkpoint);
      ModelPlugin kind = ModelPlugins.detect(source.checkpoint, r);
      if (model != null && !ModelPlugins.named(model).name().equals(kind.name())) {
        throw new UserException(source.checkpoint + " holds a " + kind.displayName() + " checkpoint, not a "
            + ModelPlugins.named(model).displayName());
      }
      CheckpointHints hints = CheckpointHints.none().with("reconstruction", likelihood().cliName())
          .with("slope", slope).with("image_size", imageSize).with("timesteps", timesteps)
          .withGiven(GivenOptions.of(spec, HINTS));
      serving = kind.servingFromCheckpoint(source.checkpoint, r, hints);
      ModelExport.fromCheckpoint(serving, source.checkpoint, output, replaceable);
    }
    System.out.println("Exported " + serving + " to " + output.toAbsolutePath().normalize());
    SavedModelInfo.MetaGraph meta = SavedModelInfo.read(output).metaGraph(List.of("serve"));
    for (SignatureSpec s : meta.signatures()) {
      System.out.printf(Locale.ROOT, "  %-16s %s -> %s%n", s.key(), s.inputs().stream()
          .map(t -> t.name() + " " + t.describeType()).toList(), s.outputs().stream()
          .map(t -> t.name() + " " + t.describeType()).toList());
    }
    return 0;
  }

  private Likelihood likelihood() {
    return Likelihood.fromCliName(reconstruction);
  }
}
