package org.genmodels.shared.nn;

import java.util.List;
import java.util.Locale;
import org.genmodels.shared.cli.CliName;

/**
 * The number format a model multiplies in. {@link #FP32}, the default, is float32 throughout.
 * {@link #BF16} multiplies in bfloat16 (8 exponent bits as float32, 8 significand bits instead of
 * 24), in one of two ways, whichever measured faster for the model:
 * <ul>
 *   <li>the dense models (AE, VAE): a {@link Dense} layer casts its input and its kernel's read to
 *       bfloat16, runs the MatMul (its product is bfloat16; how it accumulates is the kernel's:
 *       oneDNN's in float32) and casts the product back to float32 before the bias; everything
 *       else — variables (the float32 master weights), biases, activations, losses, gradients into
 *       the variables and Adam's state — stays float32;</li>
 *   <li>the conv models (CVAE, DDPM): the graph stays float32 and the session runs TensorFlow's
 *       {@link org.genmodels.shared.tf.Bf16Rewrite}, which casts the convolutions, MatMuls and
 *       the element-wise ops between them to bfloat16, variables and Adam staying float32; the
 *       training graph's convs are built for it ({@link Conv2D#with(Precision)},
 *       {@link Conv2DTranspose#with(Precision)}), where two of the rewrite's gradients need
 *       another form.</li>
 * </ul>
 * Mixed precision in the sense of Micikevicius et al. (2018), without loss scaling: bfloat16 has
 * float32's range.
 *
 * <p>Only CPUs with bfloat16 instructions ({@code avx512_bf16} or {@code amx_bf16}) run bfloat16
 * MatMuls in hardware; elsewhere TensorFlow emulates them, more slowly than float32. The commands refuse
 * {@code bf16} on such CPUs ({@link CpuFeatures#requireBf16}); the graph-level API does not check.
 * With {@code avx512_bf16} but no AMX, oneDNN's bfloat16 MatMuls measured slower than its float32
 * ones (an AMD Zen 5), so the dense models' commands warn there
 * ({@link CpuFeatures#denseBf16Warning}); the conv models gained there too.
 */
public enum Precision implements CliName {
  /** float32 everywhere: the graph the seeds' scripts build. */
  FP32,
  /** bfloat16 MatMuls, float32 master weights, biases, losses and optimizer. */
  BF16;

  /** The command line's name: {@code fp32} or {@code bf16}. */
  @Override
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The precision named {@code fp32} or {@code bf16} (any case).
   *
   * @throws IllegalArgumentException naming the choices for any other name
   */
  public static Precision fromCliName(String name) {
    return CliName.find(List.of(values()), name)
        .orElseThrow(() -> new IllegalArgumentException("unknown precision '" + name + "': use fp32 or bf16"));
  }
}
