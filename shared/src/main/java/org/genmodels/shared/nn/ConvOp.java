package org.genmodels.shared.nn;

/**
 * Which TensorFlow op a {@link Conv2D} runs its convolution as. {@link #CONV2D} is the default and
 * the one any graph that is differentiated or rewritten to bf16 must use; {@link #GENERIC} is for
 * float32 graphs that only run forward, such as the DDPM's sampling loop.
 *
 * <p>Why a second op: with oneDNN on (as the launcher and the tests set it), TensorFlow hands every
 * {@code Conv2D} to oneDNN, which on an AMD Zen 5 runs 3 × 3 convs as its {@code brg_conv_fwd}
 * kernels at 160–230 GFLOP/s, while TensorFlow's own kernel for the generic {@code Conv} op (a
 * contraction over oneDNN's plain SGEMM) ran the same convs at 270–370 (batch 64, 2026-12-03), and
 * 64 DDPM samples took 0.74× the time. oneDNN does not take over {@code Conv}; but TensorFlow has
 * no gradient for it, and its bf16 rewrite leaves it in float32.
 */
public enum ConvOp {
  /** TensorFlow's {@code Conv2D}: differentiable, oneDNN's kernel when oneDNN is on, cast by the bf16 rewrite. */
  CONV2D,
  /**
   * TensorFlow's generic {@code Conv} (N-d, here 2-d NHWC): its own kernel whether oneDNN is on or
   * not; no gradient (building one fails), and a graph built for {@link Precision#BF16} keeps
   * {@link #CONV2D} so the rewrite still casts it.
   */
  GENERIC
}
