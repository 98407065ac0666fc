package org.genmodels.shared.nn;

/**
 * Which TensorFlow op a {@link Conv2D} runs its convolution as, and a {@link Conv2DTranspose} its
 * transposed one. {@link #CONV2D} is the default and the one any graph rewritten to bf16 or
 * exported must use; {@link #GENERIC} is for float32 graphs that this process runs: the DDPM's
 * training step and its sampling loop, and the CVAE's training step (its transposed convs only).
 *
 * <p>Why a second op: with oneDNN on (as the launcher and the tests set it), TensorFlow hands every
 * {@code Conv2D} to oneDNN, which on an AMD Zen 5 runs 3 × 3 convs as its {@code brg_conv_fwd}
 * kernels at 160–230 GFLOP/s, while TensorFlow's own kernel for the generic {@code Conv} op (a
 * contraction over oneDNN's plain SGEMM) ran the same convs at 270–370 (batch 64, 2026-12-03):
 * 64 DDPM samples took 0.74× the time, and a training step (forward on the generic conv, backward
 * on oneDNN's kernels as before) 0.90×. oneDNN does not take over {@code Conv}. TensorFlow has no
 * gradient for it: {@code GenericConv} registers {@code Conv2D}'s with TF Java, which cannot on
 * Windows; and TensorFlow's bf16 rewrite leaves it in float32.
 *
 * <p>A transposed conv's forward is oneDNN's either way; what {@link #GENERIC} changes there is its
 * input gradient, a stride-2 conv, which TensorFlow's C++ gradient runs on {@code Conv2D} (oneDNN):
 * {@code GenericConvTranspose} builds the layer as the 3-d op, whose gradient it registers with the
 * input's on the generic conv (the CVAE's epoch 0.92×, the DDPM's step 0.88×, AMD Zen 5,
 * 2026-12-03).
 *
 * <p>On an AVX2 AMD EPYC (Zen 3) the generic conv sampled slower (64 DDPM samples 1.20×) and
 * trained level (2026-12-03): {@link #forTraining} and {@link #forInference} take it only where
 * {@link ConvChoice} says so, which follows the CPU and {@code GENMODELS_CONVS}.
 */
public enum ConvOp {
  /**
   * TensorFlow's {@code Conv2D} (for a transposed conv {@code Conv2DBackpropInput}): differentiable,
   * oneDNN's kernel when oneDNN is on, cast by the bf16 rewrite.
   */
  CONV2D,
  /**
   * TensorFlow's generic {@code Conv} (N-d, here 2-d NHWC): its own kernel whether oneDNN is on or
   * not; differentiable where {@link #forTraining} picks it (for a transposed conv, the 3-d
   * transposed conv, whose input gradient runs on the generic {@code Conv}); a graph built for
   * {@link Precision#BF16} keeps {@link #CONV2D} so the rewrite still casts it. Not for exports:
   * another TensorFlow may lack the op, and a bf16 session would not cast it.
   */
  GENERIC;

  /**
   * For a graph that only runs forward in this process: {@link #GENERIC} in float32 where this
   * process's {@link ConvChoice} says so, else {@link #CONV2D}.
   */
  public static ConvOp forInference(Precision p) {
    return p == Precision.FP32 && ConvChoice.current().generic() ? GENERIC : CONV2D;
  }

  /**
   * For a graph that is differentiated: {@link #GENERIC} in float32 where this process's
   * {@link ConvChoice} says so and its gradient is registered (not on Windows), else {@link #CONV2D}.
   */
  public static ConvOp forTraining(Precision p) {
    return forInference(p) == GENERIC && GenericConv.differentiable() ? GENERIC : CONV2D;
  }
}
