package org.genmodels.shared.nn;

import java.util.List;
import java.util.Locale;
import org.genmodels.shared.cli.CliName;

/**
 * How a layer's weights start, after the framework a seed was written in: Keras'
 * {@code glorot_uniform} and zero biases, PyTorch's default for {@code Linear}/{@code Conv2d}
 * (kernel and bias U(±1/√fanIn)), TF1's {@code truncated_normal(stddev=0.001)} with zero
 * biases, which seed 003 writes out by hand, or Paddle 2.x's defaults: {@code nn.Conv2D} kernels
 * N(0, 2/fanIn) (He normal), {@code nn.Conv2DTranspose} kernels Xavier uniform, zero biases. Seed
 * 002 writes its dense layers as 1×1 {@code nn.Conv2D}s, so {@link Dense} takes the conv default
 * under {@code PADDLE} too (Paddle's {@code nn.Linear} would be Xavier uniform).
 */
public enum WeightInit implements CliName {
  KERAS,
  TORCH,
  TRUNCATED_NORMAL_0_001,
  PADDLE;

  /** The command line's name: {@code keras}, {@code torch}, {@code truncated-normal}, {@code paddle}. */
  @Override
  public String cliName() {
    return this == TRUNCATED_NORMAL_0_001 ? "truncated-normal" : name().toLowerCase(Locale.ROOT);
  }

  /**
   * The scheme named {@code name} (any case) among {@code allowed}.
   *
   * @throws IllegalArgumentException naming the choices for any other name
   */
  public static WeightInit fromCliName(String name, List<WeightInit> allowed) {
    return CliName.find(allowed, name).orElseThrow(() -> new IllegalArgumentException("unknown init '" + name
        + "': use " + CliName.list(allowed)));
  }

  /** The kernel initializer for a layer whose fan-in is {@code fanIn}. */
  public Initializer kernel(long fanIn) {
    return switch (this) {
      case KERAS -> Initializer.glorotUniform();
      case TORCH -> Initializer.torchDefault(fanIn);
      case TRUNCATED_NORMAL_0_001 -> Initializer.truncatedNormal(0.001f);
      case PADDLE -> Initializer.normal((float) Math.sqrt(2.0 / fanIn));
    };
  }

  /**
   * The kernel initializer for a transposed conv whose fan-in (as PyTorch counts it) is
   * {@code fanIn}: as {@link #kernel} except for Paddle, whose {@code Conv2DTranspose} falls back
   * to Xavier uniform.
   */
  public Initializer transposedKernel(long fanIn) {
    return this == PADDLE ? Initializer.glorotUniform() : kernel(fanIn);
  }

  /** The bias initializer for a layer whose fan-in is {@code fanIn}. */
  public Initializer bias(long fanIn) {
    return this == TORCH ? Initializer.torchDefault(fanIn) : Initializer.zeros();
  }
}
