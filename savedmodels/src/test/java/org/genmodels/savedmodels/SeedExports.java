package org.genmodels.savedmodels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.genmodels.shared.data.Npy;
import org.genmodels.shared.model.Signatures;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Stand-ins for what {@code savedmodels/python/export_seed_*.py} writes, made without Python: a
 * SavedModel whose variables sit at the Keras seed models' object-graph paths (written by TF Java,
 * so TF1-style, but read the same way) with the scripts' signatures, and golden {@code .npy}
 * files computed here by a plain float64 forward pass of the same random weights.
 */
final class SeedExports {
  private final Random random;
  private final List<Layer> layers = new ArrayList<>();
  private final Map<String, Operand<TFloat32>> variables = new HashMap<>();
  private final Map<String, Ops> scopes = new HashMap<>();

  /** One Dense layer: its Keras object path, sizes, weights and whether relu follows. */
  private record Layer(String path, int in, int out, float[] kernel, float[] bias, boolean relu) {
    double[][] apply(double[][] x) {
      double[][] y = new double[x.length][out];
      for (int n = 0; n < x.length; n++) {
        for (int j = 0; j < out; j++) {
          double s = bias[j];
          for (int i = 0; i < in; i++) {
            s += x[n][i] * kernel[i * out + j];
          }
          y[n][j] = relu ? Math.max(0, s) : s;
        }
      }
      return y;
    }
  }

  private SeedExports(long seed) {
    this.random = new Random(seed);
  }

  /** The seed AE of widths 784, hidden..., code: writes {@code dir/saved_model} and {@code dir/golden}. */
  static void autoencoder(Path dir, int[] hidden, int code, float[][] x) throws IOException {
    SeedExports e = new SeedExports(17);
    List<Layer> encoder = e.chain("encoder", 784, hidden, code);
    int[] reversed = new int[hidden.length];
    for (int i = 0; i < hidden.length; i++) {
      reversed[i] = hidden[hidden.length - 1 - i];
    }
    List<Layer> decoder = e.chain("decoder", code, reversed, 784);
    float[][] codes = f32(forward(encoder, d64(x)));
    e.save(dir.resolve("saved_model"), (tf, sigs) -> {
      Placeholder<TFloat32> xIn = placeholder(tf, "x", 784);
      Placeholder<TFloat32> zIn = placeholder(tf, "z", code);
      Operand<TFloat32> c = e.graph(tf, encoder, xIn);
      sigs.add(sig("encode").input("x", xIn).output("code", c).build());
      sigs.add(sig("decode").input("z", zIn).output("images", tf.math.sigmoid(e.graph(tf, decoder, zIn))).build());
      sigs.add(sig("serving_default").input("x", xIn)
          .output("reconstruction", tf.math.sigmoid(e.graph(tf, decoder, c))).build());
    });
    Path golden = Files.createDirectories(dir.resolve("golden"));
    write(golden.resolve("x.npy"), x);
    write(golden.resolve("code.npy"), codes);
    write(golden.resolve("images.npy"), f32(sigmoid(forward(decoder, d64(codes)))));
    write(golden.resolve("reconstruction.npy"), f32(sigmoid(forward(decoder, forward(encoder, d64(x))))));
  }

  /** The seed VAE (fc1 … fc5) of widths 784, hidden, latent. */
  static void vae(Path dir, int hidden, int latent, float[][] x) throws IOException {
    SeedExports e = new SeedExports(19);
    Layer fc1 = e.layer("fc1", 784, hidden, true);
    Layer fc2 = e.layer("fc2", hidden, latent, false);
    Layer fc3 = e.layer("fc3", hidden, latent, false);
    List<Layer> decoder = List.of(e.layer("fc4", latent, hidden, true), e.layer("fc5", hidden, 784, false));
    float[][] z = new float[x.length][latent];
    for (float[] row : z) {
      for (int j = 0; j < latent; j++) {
        row[j] = (float) e.random.nextGaussian();
      }
    }
    e.save(dir.resolve("saved_model"), (tf, sigs) -> {
      Placeholder<TFloat32> xIn = placeholder(tf, "x", 784);
      Placeholder<TFloat32> zIn = placeholder(tf, "z", latent);
      Operand<TFloat32> h = e.graph(tf, List.of(fc1), xIn);
      Operand<TFloat32> mean = e.graph(tf, List.of(fc2), h);
      sigs.add(sig("encode").input("x", xIn).output("z_mean", mean).output("z_log_var", e.graph(tf, List.of(fc3), h))
          .build());
      sigs.add(sig("decode").input("z", zIn).output("images", tf.math.sigmoid(e.graph(tf, decoder, zIn))).build());
      sigs.add(sig("serving_default").input("x", xIn)
          .output("reconstruction", tf.math.sigmoid(e.graph(tf, decoder, mean))).build());
    });
    double[][] h = fc1.apply(d64(x));
    Path golden = Files.createDirectories(dir.resolve("golden"));
    write(golden.resolve("x.npy"), x);
    write(golden.resolve("z_mean.npy"), f32(fc2.apply(h)));
    write(golden.resolve("z_log_var.npy"), f32(fc3.apply(h)));
    write(golden.resolve("z.npy"), z);
    write(golden.resolve("images.npy"), f32(sigmoid(forward(decoder, d64(z)))));
    write(golden.resolve("reconstruction.npy"), f32(sigmoid(forward(decoder, fc2.apply(h)))));
  }

  private List<Layer> chain(String half, int in, int[] hidden, int out) {
    List<Layer> chain = new ArrayList<>();
    int width = in;
    for (int i = 0; i < hidden.length; i++) {
      chain.add(layer(half + "/layer_with_weights-" + i, width, hidden[i], true));
      width = hidden[i];
    }
    chain.add(layer(half + "/layer_with_weights-" + hidden.length, width, out, false));
    return chain;
  }

  private Layer layer(String path, int in, int out, boolean relu) {
    float limit = (float) Math.sqrt(6.0 / (in + out));
    float[] kernel = new float[in * out];
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] = (random.nextFloat() * 2 - 1) * limit;
    }
    float[] bias = new float[out];
    for (int i = 0; i < out; i++) {
      bias[i] = (float) (random.nextGaussian() * 0.1);
    }
    Layer l = new Layer(path, in, out, kernel, bias, relu);
    layers.add(l);
    return l;
  }

  private interface Builder {
    void build(Ops tf, List<Signature> signatures);
  }

  /** Builds the variables at their Keras paths, the signatures, and exports. */
  private void save(Path dir, Builder builder) throws IOException {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Signature> signatures = new ArrayList<>();
      builder.build(tf, signatures);
      s.initialize();
      SavedModelBundle.exporter(dir.toString()).withSession(s).withSignatures(signatures.toArray(Signature[]::new))
          .export();
    }
  }

  /** The layers as graph ops on variables at {@code path/kernel/.ATTRIBUTES/VARIABLE_VALUE}. */
  private Operand<TFloat32> graph(Ops tf, List<Layer> chain, Operand<TFloat32> x) {
    Operand<TFloat32> h = x;
    for (Layer l : chain) {
      Operand<TFloat32> k = tf.identity(variable(tf, l.path() + "/kernel", Shape.of(l.in(), l.out()), l.kernel()));
      Operand<TFloat32> b = tf.identity(variable(tf, l.path() + "/bias", Shape.of(l.out()), l.bias()));
      h = tf.nn.biasAdd(tf.linalg.matMul(h, k), b);
      if (l.relu()) {
        h = tf.nn.relu(h);
      }
    }
    return h;
  }

  private Operand<TFloat32> variable(Ops tf, String path, Shape shape, float[] values) {
    return variables.computeIfAbsent(path, p -> scope(tf, p + "/.ATTRIBUTES").withName("VARIABLE_VALUE")
        .variable(tf.constant(shape, DataBuffers.of(values, true, false))));
  }

  /** The scope of a path, each prefix's scope made once (a second withSubScope would get a suffix). */
  private Ops scope(Ops root, String path) {
    int slash = path.lastIndexOf('/');
    if (slash < 0) {
      return scopes.computeIfAbsent(path, root::withSubScope);
    }
    Ops parent = scope(root, path.substring(0, slash));
    return scopes.computeIfAbsent(path, p -> parent.withSubScope(p.substring(slash + 1)));
  }

  private static Placeholder<TFloat32> placeholder(Ops tf, String name, int width) {
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, width)));
  }

  private static Signature.Builder sig(String key) {
    return Signature.builder().key(key).methodName(Signatures.PREDICT);
  }

  private static double[][] forward(List<Layer> chain, double[][] x) {
    double[][] h = x;
    for (Layer l : chain) {
      h = l.apply(h);
    }
    return h;
  }

  private static double[][] sigmoid(double[][] x) {
    double[][] y = new double[x.length][];
    for (int n = 0; n < x.length; n++) {
      y[n] = new double[x[n].length];
      for (int j = 0; j < x[n].length; j++) {
        y[n][j] = 1 / (1 + Math.exp(-x[n][j]));
      }
    }
    return y;
  }

  private static double[][] d64(float[][] x) {
    double[][] y = new double[x.length][];
    for (int n = 0; n < x.length; n++) {
      y[n] = new double[x[n].length];
      for (int j = 0; j < x[n].length; j++) {
        y[n][j] = x[n][j];
      }
    }
    return y;
  }

  private static float[][] f32(double[][] x) {
    float[][] y = new float[x.length][];
    for (int n = 0; n < x.length; n++) {
      y[n] = new float[x[n].length];
      for (int j = 0; j < x[n].length; j++) {
        y[n][j] = (float) x[n][j];
      }
    }
    return y;
  }

  static void write(Path file, float[][] rows) throws IOException {
    Files.write(file, Npy.encode(Trained.flat(rows), rows.length, rows[0].length));
  }
}
