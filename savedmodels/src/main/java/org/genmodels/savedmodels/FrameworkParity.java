package org.genmodels.savedmodels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The parity checks of models trained in other frameworks, each against the numbers that
 * framework computed from the same weights (the fixtures of {@code ../shared/fixtures/pytorch} and
 * {@code keras_h5}): seed 004's PyTorch VAE and DDPM, seed 002's Paddle CVAE, the Packt Keras conv
 * VAE. {@link #check} picks the one a folder holds by its files. Stateless.
 */
final class FrameworkParity {
  private FrameworkParity() {
  }

  /**
   * The checks of the fixture-style folder {@code dir}, or empty when it holds none of the
   * fixtures' layouts.
   *
   * @param log hears what is being checked (and where a data set was found)
   */
  static Optional<List<ParityLine>> check(Path dir, Consumer<String> log) {
    if (Seed004VaeParity.recognizes(dir)) {
      log.accept("seed 004's VAE (PyTorch) in " + dir + " against PyTorch's outputs");
      return Optional.of(Seed004VaeParity.check(dir));
    }
    if (Seed002CvaeParity.recognizes(dir)) {
      log.accept("seed 002's conditional CVAE (Paddle) in " + dir + " against its framework's outputs");
      return Optional.of(Seed002CvaeParity.check(dir));
    }
    if (Files.isRegularFile(dir.resolve("model.pt")) && Files.isRegularFile(dir.resolve("golden_grads.npz"))) {
      log.accept("seed 004's SimpleUnet (PyTorch) in " + dir + " against PyTorch's outputs and autograd's gradients");
      return Optional.of(TorchDdpmParity.check(dir));
    }
    if (Files.isRegularFile(dir.resolve("expected.json")) && Files.isRegularFile(dir.resolve("vae_cnn_mnist.h5"))) {
      log.accept("the Packt Keras conv VAE in " + dir + " against expected.json");
      return Optional.of(PacktParity.check(dir, log));
    }
    return Optional.empty();
  }
}
