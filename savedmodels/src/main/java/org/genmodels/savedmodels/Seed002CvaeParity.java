package org.genmodels.savedmodels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.genmodels.cvae.Cvae;
import org.genmodels.cvae.CvaeSettings;
import org.genmodels.shared.cli.UserException;

/**
 * Seed 002's Paddle CVAE against the Java {@code cvae} model it imports into, on what the framework
 * computed from the same weights ({@code ../shared/fixtures/pytorch/seed002_cvae_paddle}): the
 * encoder's and the decoder's state dicts (the folder's one {@code *encoder*.pdparams} and one
 * {@code *decoder*.pdparams}, e.g. the seed's {@code A_encoder_True.pdparams}) and {@code golden/}:
 * {@code x} [n,1,28,28] in [-1, 1], {@code labels} [n], {@code onehot} [n,10,1,1] (conditional
 * only), {@code mean}, {@code logvar} [n,L,1,1], {@code decoder_of_mean}, {@code noise} [n,L,1,1],
 * {@code decoder_of_noise} [n,1,28,28]. Everything runs through the Java graph ({@code CvaeModel}),
 * with its fast paths (the label channel's conv from the class maps, the one-channel output conv
 * as a MatMul). With one input channel, NCHW and NHWC images are the same numbers.
 */
public final class Seed002CvaeParity {
  /** Largest absolute difference allowed (the fixtures' suggestion for the conv nets). */
  public static final double TOLERANCE = 1e-4;

  private Seed002CvaeParity() {
  }

  /** Whether {@code dir} looks like such a folder: {@code golden/mean.npy} and both state dicts. */
  public static boolean recognizes(Path dir) {
    return Files.isRegularFile(dir.resolve("golden").resolve("mean.npy")) && find(dir, "encoder").isPresent()
        && find(dir, "decoder").isPresent();
  }

  /**
   * The comparisons, one line each: what, max abs difference, tolerance.
   *
   * @throws UserException when the folder lacks a state dict or a golden file, the one-hot labels
   *                       disagree with the labels, or the state dicts are not seed 002's network
   */
  public static List<ParityLine> check(Path dir) {
    return compare(Seed002CvaeImport.read(require(dir, "encoder"), require(dir, "decoder")), dir);
  }

  /** {@link #check} of the model {@code imported}, on the golden arrays of {@code dir}. */
  static List<ParityLine> compare(ImportedModel imported, Path dir) {
    CvaeSettings settings = CvaeSettings.defaults().withConfig(imported.config());
    int latent = settings.latentSize();
    GoldenArrays golden = new GoldenArrays(dir);
    int n = golden.count("x");
    float[] x = golden.floats("x", n, 1, 28, 28);
    int[] labels = null;
    if (settings.conditional()) {
      labels = golden.ints("labels", n);
      requireOneHot(golden.floats("onehot", n, CvaeSettings.CLASSES, 1, 1), labels, dir);
    }
    float[] mean = golden.floats("mean", n, latent, 1, 1);
    float[] noise = golden.floats("noise", n, latent, 1, 1);

    List<ParityLine> lines = new ArrayList<>();
    try (Cvae cvae = Cvae.create(settings)) {
      imported.assignTo(cvae.session(), cvae.model().params());
      Cvae.Encoding code = cvae.encode(x, labels, n);
      lines.add(line("mean = encoder(x, onehot)", code.mean(), mean));
      lines.add(line("logvar = encoder(x, onehot)", code.logVar(), golden.floats("logvar", n, latent, 1, 1)));
      lines.add(line("decoder_of_mean = decoder(mean, onehot)", cvae.decode(mean, labels, n),
          golden.floats("decoder_of_mean", n, 1, 28, 28)));
      lines.add(line("decoder_of_noise = decoder(noise, onehot)", cvae.decode(noise, labels, n),
          golden.floats("decoder_of_noise", n, 1, 28, 28)));
    }
    return lines;
  }

  private static ParityLine line(String what, float[] java, float[] expected) {
    return ParityLine.absolute(what, java, expected, TOLERANCE);
  }

  /** The Java graph makes the one-hot from the labels; the golden one must be that. */
  private static void requireOneHot(float[] oneHot, int[] labels, Path dir) {
    int classes = CvaeSettings.CLASSES;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new UserException(dir.resolve("golden/labels.npy") + ": label " + i + " is " + labels[i]
            + ", expected 0.." + (classes - 1));
      }
      for (int k = 0; k < classes; k++) {
        if (oneHot[i * classes + k] != (k == labels[i] ? 1f : 0f)) {
          throw new UserException(dir.resolve("golden/onehot.npy") + ": row " + i + " is not the one-hot of label "
              + labels[i] + " (golden/labels.npy)");
        }
      }
    }
  }

  private static Path require(Path dir, String part) {
    return find(dir, part).orElseThrow(() -> new UserException("no single *" + part + "*.pdparams in " + dir
        + ": the parity check needs the " + part + "'s state dict (the seed's A_" + part + "_True.pdparams)"));
  }

  private static Optional<Path> find(Path dir, String part) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(p -> {
        String name = p.getFileName().toString();
        return name.endsWith(".pdparams") && name.contains(part) && Files.isRegularFile(p);
      }).toList();
      return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
