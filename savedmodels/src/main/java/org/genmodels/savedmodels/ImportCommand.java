package org.genmodels.savedmodels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.io.DistinctPaths;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ModelPlugins;
import org.genmodels.shared.train.CheckpointSaver;
import org.genmodels.shared.train.ModelConfig;
import org.genmodels.shared.train.RunKey;
import org.genmodels.shared.weights.WeightFile;
import org.genmodels.shared.weights.WeightFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Brings a model trained in a seed's own framework into this project: reads the weights file(s),
 * converts every tensor to this project's layout, and writes a training checkpoint of the Java
 * model (its settings in {@code run.properties}) that {@code --resume}, {@code sample},
 * {@code export} and the embedding API take as a run of this project.
 */
@Command(name = "import", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Import weights trained in PyTorch, Paddle or Keras as a training checkpoint of this project's"
        + " model, in <output>/checkpoint: --model vae (seed 004's torch.save state dict, or VAE.py's Keras .h5),"
        + " ae (AE.py's Keras .h5), cvae (seed 002's A_encoder_*.pdparams then A_decoder_*.pdparams), diffusion"
        + " (seed 004's SimpleUnet state dict; --image-size).",
        "Sizes are read from the tensors' shapes. Then: <model> --output DIR --resume --epochs N trains on,"
            + " diffusion --output DIR sample draws, savedmodels export --checkpoint DIR/checkpoint exports."})
final class ImportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "1..2",
      description = "The weights file (the CVAE: the encoder's, then the decoder's).")
  List<Path> files;

  @Option(names = "--model", paramLabel = "NAME", required = true, description = "ae, vae, cvae or diffusion.")
  String model;

  @Option(names = "--output", paramLabel = "DIR",
      description = "The run folder the checkpoint goes into (DIR/checkpoint); default outputs/<model>.")
  Path output;

  @Option(names = "--image-size", paramLabel = "S",
      description = "The DDPM's image side, which its weights do not say (the seed's StanfordCars network: 64).")
  int imageSize = 32;

  @Override
  public Integer call() throws IOException {
    ModelPlugin kind = ModelPlugins.named(model.equals("ddpm") ? "diffusion" : model);
    Path out = output != null ? output : Path.of("outputs", kind.name());
    Path dir = CheckpointSaver.directory(out);
    for (Path f : files) {
      DistinctPaths.requireApart(f, "the file being imported", dir, "--output", "give another --output");
    }
    ImportedModel imported = read(kind);
    ModelConfig c = imported.config();
    RunKey key = new RunKey(c.get("dataset"), trainImages(c), c.getInt("batch_size"), c.getLong("seed"));
    // a folder that is no checkpoint, or the checkpoint of an unfinished run, is refused
    CheckpointSaver.checkKey(out, key, null);
    imported.saveCheckpoint(dir, key);
    System.out.println("Imported " + imported.source() + " as " + c);
    System.out.println("Checkpoint (step 0) in " + dir.toAbsolutePath().normalize());
    String m = kind.name();
    System.out.println("Next: " + m + " --output " + out + " --resume --epochs N (train on); "
        + (m.equals("diffusion") ? "diffusion --output " + out + " sample (draw); " : "")
        + "savedmodels export --checkpoint " + dir + " --output EXPORT");
    return 0;
  }

  private ImportedModel read(ModelPlugin kind) {
    requireFiles(kind.name().equals("cvae") ? 2 : 1, kind);
    Path first = files.get(0);
    WeightFile weights = WeightFiles.read(first);
    boolean keras = weights.format().startsWith("Keras");
    return switch (kind.name()) {
      case "ae" -> {
        if (!keras) {
          throw new UserException(first + " is a " + weights.format() + ": the autoencoder is imported from AE.py's"
              + " Keras weights (.h5)");
        }
        yield KerasSeedImport.aeFrom(weights, first.toString());
      }
      case "vae" -> keras ? KerasSeedImport.vaeFrom(weights, first.toString())
          : Seed004VaeImport.of(weights, first.toString());
      case "cvae" -> Seed002CvaeImport.of(weights, first.toString(), WeightFiles.read(files.get(1)),
          files.get(1).toString());
      case "diffusion" -> SimpleUnetImport.from(weights, first.toString(), imageSize, 300, 1e-4, 0.02);
      default -> throw new UserException("the " + kind.displayName() + " has no import: --model takes ae, vae, cvae"
          + " or diffusion");
    };
  }

  private void requireFiles(int count, ModelPlugin kind) {
    if (files.size() != count) {
      throw new UserException(String.format(Locale.ROOT, "the %s import takes %d file%s, got %d%s", kind.displayName(),
          count, count == 1 ? "" : "s", files.size(), kind.name().equals("cvae")
              ? ": the encoder's .pdparams, then the decoder's" : ""));
    }
  }

  /** The training images a run of {@code c} takes: the data set's 60 000, or its train limit. */
  private static int trainImages(ModelConfig c) {
    int limit = c.getInt("train_limit", 0);
    return limit > 0 && limit < 60_000 ? limit : 60_000;
  }
}
