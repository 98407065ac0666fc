package org.genmodels.shared.nn;

/**
 * How a layer's weights start, after the framework a seed was written in: Keras'
 * {@code glorot_uniform} and zero biases, PyTorch's default for {@code Linear}/{@code Conv2d}
 * (kernel and bias U(±1/√fanIn)), or TF1's {@code truncated_normal(stddev=0.001)} with zero
 * biases, which seed 003 writes out by hand.
 */
public enum WeightInit {
  KERAS,
  TORCH,
  TRUNCATED_NORMAL_0_001;

  /** The kernel initializer for a layer whose fan-in is {@code fanIn}. */
  public Initializer kernel(long fanIn) {
    return switch (this) {
      case KERAS -> Initializer.glorotUniform();
      case TORCH -> Initializer.torchDefault(fanIn);
      case TRUNCATED_NORMAL_0_001 -> Initializer.truncatedNormal(0.001f);
    };
  }

  /** The bias initializer for a layer whose fan-in is {@code fanIn}. */
  public Initializer bias(long fanIn) {
    return this == TORCH ? Initializer.torchDefault(fanIn) : Initializer.zeros();
  }
}
