package org.genmodels.savedmodels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.shared.weights.Json;
import org.genmodels.vae.Vae;
import org.genmodels.vae.VaeModel;
import org.genmodels.vae.VaePreset;
import org.genmodels.vae.VaeSettings;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * Seed 004's PyTorch VAE against the Java VAE it imports into, on what PyTorch computed from the
 * same weights ({@code ../shared/fixtures/pytorch/seed004_vae}): the state dict
 * ({@code best_model_mnist}, or the folder's one {@code .pt}/{@code .pth} file) and
 * {@code golden/}: {@code x} [n,1,28,28], {@code eps}, {@code mu}, {@code logvar} [n,L],
 * {@code recon_x} = forward(x, eps), {@code decoder_of_mu}, {@code z} [m,L], {@code decoder_of_z}.
 * Everything runs through the Java training graph ({@link VaeModel}, {@code eps} fed). Where a
 * {@code summary.json} holds the seed's loss terms of that batch ({@code recon_bce_sum},
 * {@code kl_sum}: in the folder, or in its parent under the folder's name), the graph's BCE and KL
 * summed over the batch are compared with them too, to {@link #LOSS_RELATIVE} of their size.
 */
public final class Seed004VaeParity {
  /** Largest absolute difference allowed for every array (the fixtures' suggestion for the dense VAE). */
  public static final double TOLERANCE = 1e-5;
  /** Largest difference of a loss term, relative to the seed's value. */
  public static final double LOSS_RELATIVE = 1e-3;
  private static final String SEED_FILE = "best_model_mnist";

  private Seed004VaeParity() {
  }

  /** Whether {@code dir} looks like such a folder: {@code golden/mu.npy} and a state dict. */
  public static boolean recognizes(Path dir) {
    return Files.isRegularFile(dir.resolve("golden").resolve("mu.npy")) && stateDict(dir).isPresent();
  }

  /**
   * The comparisons, one line each: what, max abs difference, tolerance.
   *
   * @throws UserException when the folder lacks the state dict or a golden file, or the state dict
   *                       is not seed 004's VAE
   */
  public static List<ParityLine> check(Path dir) {
    Path file = stateDict(dir).orElseThrow(() -> new UserException("no state dict in " + dir + ": expected "
        + SEED_FILE + " (the seed's torch.save file) or one .pt/.pth file"));
    return compare(Seed004VaeImport.read(file), dir);
  }

  /** {@link #check} of the model {@code imported}, on the golden arrays and summary of {@code dir}. */
  static List<ParityLine> compare(ImportedModel imported, Path dir) {
    VaeSettings settings = VaePreset.SEED004.settings().build().withConfig(imported.config());
    int pixels = VaeModel.INPUT_SIZE;
    int latent = settings.latentSize();
    GoldenArrays golden = new GoldenArrays(dir);
    int n = golden.count("x");
    float[] x = golden.floats("x", n, 1, 28, 28);
    float[] eps = golden.floats("eps", n, latent);
    float[] mu = golden.floats("mu", n, latent);
    int m = golden.count("z");
    float[] z = golden.floats("z", m, latent);

    List<ParityLine> lines = new ArrayList<>();
    try (Vae vae = Vae.create(settings)) {
      imported.assignTo(vae.session(), vae.model().params());
      Vae.Encoding code = vae.encode(x, n);
      lines.add(line("mu = encoder(x)", code.mean(), mu));
      lines.add(line("logvar = encoder(x)", code.logVar(), golden.floats("logvar", n, latent)));
      VaeModel model = vae.model();
      try (TFloat32 xs = Tensors.floats(x, n, pixels);
           TFloat32 noise = Tensors.floats(eps, n, latent);
           Result r = vae.session().runner().feed(model.input().x(), xs).feed(model.eps(), noise)
               .fetch(model.reconstruction()).fetch(model.reconstructionLoss()).fetch(model.klLoss()).run()) {
        lines.add(line("recon_x = forward(x, eps)", Tensors.toArray(r.get(0)), golden.floats("recon_x", n, 1, 28, 28)));
        Optional<Map<?, ?>> terms = lossTerms(dir);
        if (terms.isPresent()) {
          // the graph's terms are per image (summed, averaged over the batch), the seed's summed over it
          lines.add(loss("BCE summed over the batch", n * scalar(r, 1), terms.get(), "recon_bce_sum"));
          lines.add(loss("KL summed over the batch", n * scalar(r, 2), terms.get(), "kl_sum"));
        }
      }
      lines.add(line("decoder_of_mu = decoder(mu)", vae.decode(mu, n), golden.floats("decoder_of_mu", n, 1, 28, 28)));
      lines.add(line("decoder_of_z = decoder(z)", vae.decode(z, m), golden.floats("decoder_of_z", m, pixels)));
    }
    return lines;
  }

  private static ParityLine line(String what, float[] java, float[] expected) {
    return ParityLine.absolute(what, java, expected, TOLERANCE);
  }

  private static ParityLine loss(String what, double mine, Map<?, ?> terms, String key) {
    if (!(terms.get(key) instanceof Double expected)) {
      throw new UserException("summary.json has no number " + key + " for seed 004's VAE");
    }
    return new ParityLine(String.format(Locale.ROOT, "%s (seed: %s %.4f)", what, key, expected),
        Math.abs(mine - expected), LOSS_RELATIVE * Math.abs(expected));
  }

  private static double scalar(Result r, int index) {
    return Tensors.toArray(r.get(index))[0];
  }

  /** The seed's file name, or the folder's only {@code .pt}/{@code .pth} file. */
  private static Optional<Path> stateDict(Path dir) {
    Path seed = dir.resolve(SEED_FILE);
    if (Files.isRegularFile(seed)) {
      return Optional.of(seed);
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> pt = files.filter(p -> p.getFileName().toString().matches(".*\\.pth?") && Files.isRegularFile(p))
          .toList();
      return pt.size() == 1 ? Optional.of(pt.get(0)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** {@code recon_bce_sum} and {@code kl_sum} from DIR/summary.json or from DIR/../summary.json under DIR's name. */
  private static Optional<Map<?, ?>> lossTerms(Path dir) {
    Path own = dir.resolve("summary.json");
    Path parent = dir.toAbsolutePath().normalize().getParent();
    Path shared = parent == null ? null : parent.resolve("summary.json");
    for (Path file : new Path[] {own, shared}) {
      if (file == null || !Files.isRegularFile(file)) {
        continue;
      }
      Object json;
      try {
        json = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException | IllegalArgumentException e) {
        throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
      }
      if (json instanceof Map<?, ?> top) {
        if (top.containsKey("recon_bce_sum")) {
          return Optional.of(top);
        }
        Object mine = top.get(dir.toAbsolutePath().normalize().getFileName().toString());
        if (mine instanceof Map<?, ?> terms && terms.containsKey("recon_bce_sum")) {
          return Optional.of(terms);
        }
      }
    }
    return Optional.empty();
  }
}
