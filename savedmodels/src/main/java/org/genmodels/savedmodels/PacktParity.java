package org.genmodels.savedmodels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.shared.weights.Json;
import org.genmodels.shared.weights.KerasH5;
import org.genmodels.shared.weights.WeightFile;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The parity check of {@link PacktConvVae} against the fixture {@code keras_h5/packt_vae_cnn_mnist/}:
 * the Java graph with the weights of its {@code vae_cnn_mnist.h5}, run on MNIST test images 0–7,
 * against the float64 outputs of {@code expected.json} (computed by an independent numpy
 * re-implementation): the encoder's Dense-16 activations, {@code z_mean}, {@code z_log_var},
 * {@code decoder(z_mean)} (the decoder fed Java's own means) and {@code decoder(z)} for the
 * fixture's four fixed latents. Each is one {@link ParityLine} with the bar {@value #TOLERANCE}.
 * Stateless; each call builds and closes its own graph.
 */
public final class PacktParity {
  /** The largest absolute difference allowed: the fixture's suggested bar (float32 vs float64). */
  public static final double TOLERANCE = 1e-4;

  private PacktParity() {
  }

  /**
   * The check, on MNIST's test images found where the commands look for data ({@code
   * $GENMODELS_DATA}, Keras' cache, Debian's package, else a download); {@code log} gets the
   * loader's lines.
   *
   * @throws UserException when the fixture or the data cannot be read
   */
  public static List<ParityLine> check(Path fixtureDir, Consumer<String> log) {
    return check(fixtureDir, DatasetLoader.standard(null, log).load(DatasetName.MNIST).test());
  }

  /** {@link #check(Path, Consumer)}, printing the loader's lines. */
  public static List<ParityLine> check(Path fixtureDir) {
    return check(fixtureDir, System.out::println);
  }

  /**
   * The check on {@code mnistTest}, MNIST's test split.
   *
   * @throws UserException when the fixture cannot be read, or the images are not those the
   *                       references were computed from
   */
  public static List<ParityLine> check(Path fixtureDir, ImageSet mnistTest) {
    Map<String, Object> expected = readExpected(fixtureDir);
    String h5 = text(expected, fixtureDir, "file");
    Path file = fixtureDir.resolve(h5);
    WeightFile weights = KerasH5.read(file);
    int[] indices = Arrays.stream(doubles(expected, fixtureDir, "input", "indices")).mapToInt(d -> (int) d).toArray();
    float[] x = images(mnistTest, indices,
        doubles(expected, fixtureDir, "input", "pixel_sum_per_image_before_scaling"));
    double[] fixedZ = doubles(expected, fixtureDir, "outputs", "decoder_of_fixed_z", "z");
    int n = indices.length;
    int m = fixedZ.length / PacktConvVae.LATENT;

    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      PacktConvVae vae = PacktConvVae.create(tf, new Parameters(new Seeds(0)), weights, file.toString());
      int side = PacktConvVae.SIDE;
      Placeholder<TFloat32> xIn = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, side, side, 1)));
      Placeholder<TFloat32> zIn = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, PacktConvVae.LATENT)));
      PacktConvVae.Encoding enc = vae.encode(tf, xIn);
      Operand<TFloat32> decoded = vae.decode(tf, zIn);

      float[] dense16;
      float[] mean;
      float[] logVar;
      try (TFloat32 t = Tensors.floats(x, n, side, side, 1);
           Result r = s.runner().feed(xIn, t).fetch(enc.dense16()).fetch(enc.mean()).fetch(enc.logVar()).run()) {
        dense16 = Tensors.toArray(r.get(0));
        mean = Tensors.toArray(r.get(1));
        logVar = Tensors.toArray(r.get(2));
      }
      float[] ofMean = decode(s, zIn, decoded, mean, n);
      float[] ofFixed = decode(s, zIn, decoded, toFloats(fixedZ), m);

      List<ParityLine> lines = new ArrayList<>();
      lines.add(line("encoder Dense-16 relu, images 0–7", dense16,
          doubles(expected, fixtureDir, "outputs", "encoder_dense_1_relu_16")));
      lines.add(line("z_mean", mean, doubles(expected, fixtureDir, "outputs", "z_mean")));
      lines.add(line("z_log_var", logVar, doubles(expected, fixtureDir, "outputs", "z_log_var")));
      lines.add(line("decoder(z_mean), 8 × 784", ofMean,
          doubles(expected, fixtureDir, "outputs", "decoder_of_z_mean_flat", "values")));
      lines.add(line("decoder(z), " + m + " fixed z", ofFixed,
          doubles(expected, fixtureDir, "outputs", "decoder_of_fixed_z", "values_flat")));
      return lines;
    }
  }

  private static float[] decode(Session s, Placeholder<TFloat32> zIn, Operand<TFloat32> decoded, float[] z, int n) {
    try (TFloat32 t = Tensors.floats(z, n, PacktConvVae.LATENT);
         Result r = s.runner().feed(zIn, t).fetch(decoded).run()) {
      return Tensors.toArray(r.get(0));
    }
  }

  /** Images {@code indices} of {@code set} in [0, 1], after checking their pixel sums against the fixture's. */
  private static float[] images(ImageSet set, int[] indices, double[] pixelSums) {
    int side = PacktConvVae.SIDE;
    if (set.height() != side || set.width() != side || set.channels() != 1) {
      throw new UserException("the parity check of the packt conv VAE needs MNIST's 28 × 28 gray test images, not "
          + set.height() + " × " + set.width() + " × " + set.channels() + " images");
    }
    for (int k = 0; k < indices.length; k++) {
      if (indices[k] < 0 || indices[k] >= set.count()) {
        throw new UserException("the fixture's expected.json asks for test image " + indices[k] + ", but the test set"
            + " has " + set.count());
      }
      long sum = 0;
      for (byte b : set.bytes(new int[] {indices[k]})) {
        sum += b & 0xff;
      }
      if (k >= pixelSums.length || sum != (long) pixelSums[k]) {
        throw new UserException("MNIST test image " + indices[k] + " has pixel sum " + sum + ", but the image the"
            + " fixture's references were computed from has " + (k < pixelSums.length ? (long) pixelSums[k] : "none")
            + ": give MNIST's test set (t10k-images-idx3-ubyte.gz), not another data set's");
      }
    }
    return set.pixels(indices, PixelRange.UNIT);
  }

  private static ParityLine line(String what, float[] java, double[] reference) {
    double max = java.length == reference.length ? 0 : Double.POSITIVE_INFINITY;
    for (int i = 0; i < java.length && i < reference.length; i++) {
      double d = Math.abs(java[i] - reference[i]);
      max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
    }
    return new ParityLine(what, max, TOLERANCE);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readExpected(Path dir) {
    Path file = dir.resolve("expected.json");
    try {
      Object root = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (root instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
      throw new UserException(file + " is not a JSON object: give the keras_h5/packt_vae_cnn_mnist fixture folder");
    } catch (NoSuchFileException e) {
      throw new UserException("no expected.json in " + dir + ": give the keras_h5/packt_vae_cnn_mnist fixture folder",
          e);
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserException(file + " is not valid JSON (" + e.getMessage() + "): copy the fixture again", e);
    }
  }

  /** The value at {@code keys} in the fixture's JSON. */
  private static Object at(Map<String, Object> root, Path dir, String... keys) {
    Object v = root;
    for (String key : keys) {
      if (!(v instanceof Map<?, ?> map) || !map.containsKey(key)) {
        throw new UserException(dir.resolve("expected.json") + " has no " + String.join(".", keys)
            + ": it is not the keras_h5/packt_vae_cnn_mnist fixture's");
      }
      v = map.get(key);
    }
    return v;
  }

  private static String text(Map<String, Object> root, Path dir, String... keys) {
    if (at(root, dir, keys) instanceof String s) {
      return s;
    }
    throw new UserException(dir.resolve("expected.json") + ": " + String.join(".", keys) + " is not a string");
  }

  /** The numbers at {@code keys}, nested lists flattened in row-major order. */
  private static double[] doubles(Map<String, Object> root, Path dir, String... keys) {
    List<Double> out = new ArrayList<>();
    flatten(at(root, dir, keys), out, dir, keys);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void flatten(Object v, List<Double> out, Path dir, String[] keys) {
    if (v instanceof Double d) {
      out.add(d);
    } else if (v instanceof List<?> list) {
      for (Object item : list) {
        flatten(item, out, dir, keys);
      }
    } else {
      throw new UserException(dir.resolve("expected.json") + ": " + String.join(".", keys)
          + " holds " + v + " where numbers belong");
    }
  }

  private static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
