package org.genmodels.shared.nn;

import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What {@link Conv2D} and {@link Conv2DTranspose} share: the variables {@code name/kernel} and
 * {@code name/bias} (created in that order, so checkpoints and seeded initial values do not depend
 * on which layer made them), the channel counts, kernel size, stride, padding and activation, the
 * padding attribute handed to TF, and bias plus activation on the convolution's output. Each layer
 * keeps its own kernel layout, fan-in and convolution. A layer is built for the precision its
 * session runs in ({@link Precision#FP32} unless viewed {@code with} another): the values are the
 * same, but under TensorFlow's bf16 rewrite some gradients need another form of the same math
 * (see each layer's {@code with(Precision)}). Weights are shared by every application;
 * applying builds graph ops only, so a layer is used from one graph-building thread.
 */
abstract sealed class ConvLayer permits Conv2D, Conv2DTranspose {
  private final String name;
  private final Operand<TFloat32> kernel;
  private final Operand<TFloat32> bias;
  private final long in;
  private final long out;
  private final int size;
  private final int stride;
  private final Padding padding;
  private final Activation activation;
  private final Precision precision;

  /** Creates {@code name/kernel} of {@code kernelShape}, then {@code name/bias} {@code [out]}, in {@code params}. */
  ConvLayer(Ops tf, Parameters params, String name, long in, long out, int size, int stride, Padding padding,
      Activation activation, Shape kernelShape, Initializer kernelInit, Initializer biasInit) {
    Ops scope = tf.withSubScope(name);
    this.kernel = params.trainable(scope, "kernel", kernelShape, kernelInit);
    this.bias = params.trainable(scope, "bias", Shape.of(out), biasInit);
    this.name = name;
    this.in = in;
    this.out = out;
    this.size = size;
    this.stride = stride;
    this.padding = padding;
    this.activation = activation;
    this.precision = Precision.FP32;
  }

  /** A view of {@code layer}: its variables and settings, shared. */
  ConvLayer(ConvLayer layer) {
    this(layer, layer.kernel, layer.bias, layer.precision);
  }

  /** A view of {@code layer} built for {@code precision}: its variables and other settings, shared. */
  ConvLayer(ConvLayer layer, Precision precision) {
    this(layer, layer.kernel, layer.bias, precision);
  }

  /** A view of {@code layer} that computes with {@code kernel} and {@code bias}: its settings, shared. */
  ConvLayer(ConvLayer layer, Operand<TFloat32> kernel, Operand<TFloat32> bias) {
    this(layer, kernel, bias, layer.precision);
  }

  private ConvLayer(ConvLayer layer, Operand<TFloat32> kernel, Operand<TFloat32> bias, Precision precision) {
    this.kernel = kernel;
    this.bias = bias;
    this.name = layer.name;
    this.in = layer.in;
    this.out = layer.out;
    this.size = layer.size;
    this.stride = layer.stride;
    this.padding = layer.padding;
    this.activation = layer.activation;
    this.precision = Objects.requireNonNull(precision, "precision");
  }

  /** The output size along an axis of input size {@code in}. */
  public abstract long outputSize(long in);

  /**
   * Whether TF's {@code SAME} pads an axis of input size {@code in} exactly as this layer's
   * padding does (see {@link Padding#simplified}).
   */
  abstract boolean padsLikeSame(long in);

  /**
   * The padding to run an input of {@code h × w} with: {@code SAME} where it pads like this
   * layer's padding along both axes (TF's fastest CPU kernels take {@code SAME}), else this
   * layer's. Explicit padding is then done by hand, not with TF's {@code EXPLICIT}: its C++
   * gradients drop {@code explicit_paddings} and fail ("must contain 8 values").
   */
  final Padding runPadding(long h, long w) {
    return padsLikeSame(h) && w >= 0 && padsLikeSame(w) ? Padding.SAME : padding;
  }

  /** The NHWC strides of TF's conv ops. */
  final List<Long> strides() {
    return List.of(1L, (long) stride, (long) stride, 1L);
  }

  /** {@code bias} and this layer's activation on a convolution's output {@code [B, H', W', C]}. */
  final Operand<TFloat32> finish(Ops tf, Operand<TFloat32> conv, Operand<TFloat32> bias) {
    return activation.apply(tf, tf.nn.biasAdd(conv, bias));
  }

  String name() {
    return name;
  }

  long in() {
    return in;
  }

  long out() {
    return out;
  }

  int size() {
    return size;
  }

  int stride() {
    return stride;
  }

  Padding padding() {
    return padding;
  }

  /** The precision the layer is built for. */
  public Precision precision() {
    return precision;
  }

  Activation activation() {
    return activation;
  }

  public Operand<TFloat32> kernel() {
    return kernel;
  }

  public Operand<TFloat32> bias() {
    return bias;
  }
}
