package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

/**
 * A stand-in for an application that embeds models, run by {@link EmbeddingClasspathTest} in its
 * own JVM on a classpath without the command-line libraries: loads an autoencoder export and a VAE
 * checkpoint and prints, one line each, which of those libraries' classes it can see and what the
 * models compute on {@link #images}. Uses nothing of JUnit.
 *
 * <p>Arguments: the autoencoder's export directory, then the VAE's checkpoint directory.
 */
final class EmbeddingApplication {
  /** One class of each library an embedding application must not need. */
  static final List<String> CLI_CLASSES = List.of("picocli.CommandLine", "me.tongfei.progressbar.ProgressBar",
      "org.jline.terminal.Terminal", "org.knowm.xchart.XYChart");
  /** Rows the application encodes, and the samples it draws with seed {@link #SEED}. */
  static final int ROWS = 6;
  static final long SEED = 7L;

  private EmbeddingApplication() {
  }

  public static void main(String[] args) {
    for (String name : CLI_CLASSES) {
      System.out.println((present(name) ? "present " : "absent ") + name);
    }
    float[][] x = images();
    try (EmbeddedAutoencoder ae = EmbeddedAutoencoder.load(Path.of(args[0]))) {
      System.out.println("codes " + line(ae.encode(x)));
    }
    try (EmbeddedVae vae = EmbeddedVae.load(Path.of(args[1]))) {
      System.out.println("means " + line(vae.encode(x).mean()));
      System.out.println("samples " + line(vae.sample(ROWS, SEED)));
    }
  }

  /** {@link #ROWS} images of 784 values in [0, 1], a fixed pattern. */
  static float[][] images() {
    float[][] x = new float[ROWS][784];
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < 784; j++) {
        x[i][j] = ((i * 37 + j * 11) % 256) / 255f;
      }
    }
    return x;
  }

  private static boolean present(String name) {
    try {
      Class.forName(name, false, EmbeddingApplication.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The rows' values, space-separated, each as {@link Float#toString} writes it (exact). */
  private static String line(float[][] rows) {
    StringJoiner out = new StringJoiner(" ");
    for (float[] row : rows) {
      for (float v : row) {
        out.add(Float.toString(v));
      }
    }
    return out.toString();
  }
}
