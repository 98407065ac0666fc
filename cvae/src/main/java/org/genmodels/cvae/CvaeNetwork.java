package org.genmodels.cvae;

import java.util.List;
import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.nn.Conv2D;
import org.genmodels.shared.nn.Conv2DTranspose;
import org.genmodels.shared.nn.ConvOp;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.FastPaths;
import org.genmodels.shared.nn.LabelChannelConv;
import org.genmodels.shared.nn.Padding;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Precision;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The layers of seed 002's conv VAE and CVAE (MODELS.md §4, NHWC), created once and applied
 * wherever a graph needs them: the training graph ({@link CvaeModel}) and the inference graphs of
 * exports and the embedding API.
 * <pre>
 *   encoder  x [B,28,28,1] (⊕ Dense(10→784)(label) as a 2nd channel) → Conv 4/2/1 → lrelu
 *            → Conv 4/2/1 → lrelu → flatten 3136 → zMean, zLogVar [B,L]
 *   decoder  z (⊕ one-hot) → Dense 1568 → lrelu → [7,7,C] → ConvT 4/2/1 → lrelu
 *            → ConvT 4/2/1 → lrelu → Conv 3/1/1 → tanh → [B,28,28,1] in [-1, 1]
 * </pre>
 * Variables under {@code encoder/} ({@code label_map} when conditional, {@code conv1},
 * {@code conv2}, {@code z_mean}, {@code z_log_var}) and {@code decoder/} ({@code fc},
 * {@code deconv1}, {@code deconv2}, {@code conv_out}), kernel and bias each.
 *
 * <p>{@link #create} computes with {@link FastPaths#ON}: the label channel's share of the encoder's
 * first conv without building the channel ({@link LabelChannelConv}), and the 32 → 1 output conv
 * as a MatMul ({@link Conv2D}). {@link #with}{@code (FastPaths.OFF)} is the same network computed
 * layer by layer as the diagram reads. {@link #with(Precision)} builds it for a bf16 session.
 * Graph building only; not thread-safe.
 */
public final class CvaeNetwork {
  /** Image side. */
  public static final int SIZE = 28;
  private static final int SMALL = 7;

  /** The encoder's outputs for a batch: means and log variances, {@code [B, L]} each. */
  public record Posterior(Operand<TFloat32> mean, Operand<TFloat32> logVar) {
  }

  private final Encoder encoder;
  private final Decoder decoder;
  private final FastPaths fastPaths;

  private CvaeNetwork(Encoder encoder, Decoder decoder, FastPaths fastPaths) {
    this.encoder = encoder;
    this.decoder = decoder;
    this.fastPaths = fastPaths;
  }

  /**
   * Creates the layers' variables of the model {@code s} describes in {@code params}; the network
   * computes with {@link FastPaths#ON}.
   */
  public static CvaeNetwork create(Ops tf, Parameters params, CvaeSettings s) {
    Encoder encoder = new Encoder(tf.withSubScope("encoder"), params, s);
    return new CvaeNetwork(encoder, new Decoder(tf.withSubScope("decoder"), params, s), FastPaths.ON);
  }

  /**
   * This network, its variables shared, computed layer by layer ({@link FastPaths#OFF}) or with
   * the fast paths ({@link FastPaths#ON}): the same values and gradients up to float rounding.
   */
  public CvaeNetwork with(FastPaths paths) {
    return new CvaeNetwork(encoder, decoder.with(paths), paths);
  }

  /**
   * This network, its variables shared, built for a session that runs in {@code p}: the same
   * values, the decoder's convs in the forms TensorFlow's bf16 rewrite needs for right gradients
   * ({@link Conv2D#with(Precision)}, {@link Conv2DTranspose#with(Precision)}). For training graphs;
   * inference needs no gradients, and serving keeps float32's graph (an export's).
   */
  public CvaeNetwork with(Precision p) {
    return new CvaeNetwork(encoder, decoder.with(p), fastPaths);
  }

  /**
   * This network, its variables shared, its transposed convs built for {@code op}
   * ({@link Conv2DTranspose#with(ConvOp)}): {@link ConvOp#forTraining} for the training graph, whose
   * epoch then took 0.92× the time on an AMD Zen 5 (2026-12-03; an AVX2 CPU keeps the 2-d op:
   * {@code ConvChoice}). Its convs keep {@code Conv2D}: on the generic conv the epoch measured 3 %
   * slower there.
   */
  public CvaeNetwork with(ConvOp op) {
    return new CvaeNetwork(encoder, decoder.with(op), fastPaths);
  }

  /** Which form {@link #encode} and {@link #decode} compute. */
  public FastPaths fastPaths() {
    return fastPaths;
  }

  /**
   * The posterior of images {@code x} {@code [B,28,28,1]} in [-1, 1] with their one-hot labels
   * {@code [B, 10]} (ignored, and may be null, when unconditional).
   */
  public Posterior encode(Operand<TFloat32> x, Operand<TFloat32> oneHot) {
    return fastPaths == FastPaths.ON ? encoder.applyFast(x, oneHot) : encoder.apply(x, oneHot);
  }

  /**
   * The images {@code [B,28,28,1]} in [-1, 1] of latents {@code z} {@code [B, L]} with their
   * one-hot labels (ignored, and may be null, when unconditional).
   */
  public Operand<TFloat32> decode(Operand<TFloat32> z, Operand<TFloat32> oneHot) {
    return decoder.apply(z, oneHot);
  }

  /** The encoder's layers. */
  private static final class Encoder {
    private final Ops tf;
    private final Dense labelMap;
    private final Conv2D conv1;
    private final Conv2D conv2;
    private final Dense mean;
    private final Dense logVar;

    Encoder(Ops tf, Parameters params, CvaeSettings s) {
      this.tf = tf;
      int c = s.channels();
      Activation lrelu = Activation.leakyRelu(s.slope());
      Padding p1 = Padding.explicit(1);
      labelMap = s.conditional() ? Dense.create(tf, params, "label_map", CvaeSettings.CLASSES, SIZE * SIZE,
          Activation.LINEAR, s.init()) : null;
      conv1 = Conv2D.create(tf, params, "conv1", s.conditional() ? 2 : 1, c, 4, 2, p1, lrelu, s.init());
      conv2 = Conv2D.create(tf, params, "conv2", c, 2L * c, 4, 2, p1, lrelu, s.init());
      long flat = (long) SMALL * SMALL * 2 * c;
      mean = Dense.create(tf, params, "z_mean", flat, s.latentSize(), Activation.LINEAR, s.init());
      logVar = Dense.create(tf, params, "z_log_var", flat, s.latentSize(), Activation.LINEAR, s.init());
    }

    /** As the diagram reads: the label, when conditional, as a second image channel. */
    Posterior apply(Operand<TFloat32> x, Operand<TFloat32> oneHot) {
      Operand<TFloat32> in = x;
      if (labelMap != null) {
        Operand<TFloat32> label = tf.reshape(labelMap.apply(tf, oneHot), tf.constant(new int[] {-1, SIZE, SIZE, 1}));
        in = tf.concat(List.of(x, label), tf.constant(3));
      }
      return posterior(conv2.apply(tf, conv1.apply(tf, in)));
    }

    /** {@link #apply} with the label channel's share of conv1 computed per class ({@link LabelChannelConv}). */
    Posterior applyFast(Operand<TFloat32> x, Operand<TFloat32> oneHot) {
      return posterior(conv2.apply(tf, labelMap == null ? conv1.apply(tf, x)
          : LabelChannelConv.apply(tf, conv1, labelMap, x, oneHot)));
    }

    private Posterior posterior(Operand<TFloat32> h) {
      Operand<TFloat32> flat = tf.reshape(h, tf.constant(new int[] {-1, flatSize(h)}));
      return new Posterior(mean.apply(tf, flat), logVar.apply(tf, flat));
    }

    private static int flatSize(Operand<TFloat32> h) {
      Shape shape = h.shape();
      return (int) (shape.get(1) * shape.get(2) * shape.get(3));
    }
  }

  /** The decoder's layers. */
  private static final class Decoder {
    private final Ops tf;
    private final boolean conditional;
    private final int channels;
    private final Dense fc;
    private final Conv2DTranspose up1;
    private final Conv2DTranspose up2;
    private final Conv2D out;

    Decoder(Ops tf, Parameters params, CvaeSettings s) {
      this.tf = tf;
      this.conditional = s.conditional();
      this.channels = s.channels();
      int c = s.channels();
      Activation lrelu = Activation.leakyRelu(s.slope());
      Padding p1 = Padding.explicit(1);
      int in = s.latentSize() + (conditional ? CvaeSettings.CLASSES : 0);
      fc = Dense.create(tf, params, "fc", in, (long) SMALL * SMALL * c, lrelu, s.init());
      up1 = Conv2DTranspose.create(tf, params, "deconv1", c, 2L * c, 4, 2, p1, lrelu, s.init());
      up2 = Conv2DTranspose.create(tf, params, "deconv2", 2L * c, c, 4, 2, p1, lrelu, s.init());
      out = Conv2D.create(tf, params, "conv_out", c, 1, 3, 1, p1, Activation.TANH, s.init());
    }

    private Decoder(Decoder d, Conv2DTranspose up1, Conv2DTranspose up2, Conv2D out) {
      this.tf = d.tf;
      this.conditional = d.conditional;
      this.channels = d.channels;
      this.fc = d.fc;
      this.up1 = up1;
      this.up2 = up2;
      this.out = out;
    }

    /** The same layers, the output conv with its single-channel fast path on or off. */
    Decoder with(FastPaths paths) {
      return new Decoder(this, up1, up2, out.with(paths));
    }

    /** The same layers, the convs built for {@code p}. */
    Decoder with(Precision p) {
      return new Decoder(this, up1.with(p), up2.with(p), out.with(p));
    }

    /** The same layers, the transposed convs built for {@code op}. */
    Decoder with(ConvOp op) {
      return new Decoder(this, up1.with(op), up2.with(op), out);
    }

    Operand<TFloat32> apply(Operand<TFloat32> z, Operand<TFloat32> oneHot) {
      Operand<TFloat32> in = conditional ? tf.concat(List.of(z, oneHot), tf.constant(1)) : z;
      Operand<TFloat32> h = tf.reshape(fc.apply(tf, in), tf.constant(new int[] {-1, SMALL, SMALL, channels}));
      return out.apply(tf, up2.apply(tf, up1.apply(tf, h)));
    }
  }
}
