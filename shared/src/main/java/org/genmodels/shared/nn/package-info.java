/**
 * Graph building blocks every model shares, as graph code on {@code Ops} (no session runs here).
 *
 * <ul>
 *   <li>Layers: {@link org.genmodels.shared.nn.Dense}, {@code Conv2D}, {@code Conv2DTranspose}
 *       (their common part: {@code ConvLayer}; padding: {@code Padding}), {@code BatchNorm},
 *       {@code Activation}; variables come from {@code Parameters} (reads, not the variables).</li>
 *   <li>Initial weights: {@code Initializer}; Keras, PyTorch or TF1 defaults: {@code WeightInit}.</li>
 *   <li>Losses: {@code Losses} (BCE from logits, squared error) reduced as {@code Reduction} says.</li>
 *   <li>The VAE latent: {@link org.genmodels.shared.nn.Gaussian} (reparameterization, the KL
 *       {@code Gaussian.kl}, log densities); the IWAE bound: {@code ImportanceWeighting}.</li>
 *   <li>Inputs: {@code ImageInput} (uint8 pixels scaled in the graph), {@code LabelInput}.</li>
 *   <li>Reproducibility: {@code Seeds} (a seed pair per random op), {@code StepKey} (noise keyed by
 *       the global step), {@code Fanout} (gradients summed in a fixed order).</li>
 *   <li>Faster forms of the same math: {@code ConvComposition}, {@code LabelChannelConv}, the
 *       one-output-channel MatMul of {@code Conv2D}; {@code FastPaths} switches them on (the
 *       default) or off (the seed's plain network, on the same variables). {@code ConvOp}: which
 *       TensorFlow op a {@code Conv2D} runs as ({@code GenericConv} for float32 graphs this
 *       process runs, trained or not, where {@code ConvChoice} picks it: on CPUs with AVX-512,
 *       where oneDNN's forward conv kernels measured slow; it registers
 *       the generic op's gradient with TF Java), and which a {@code Conv2DTranspose} runs as
 *       ({@code GenericConvTranspose}: the 3-d op, whose gradient it registers so that the input's
 *       runs on the generic conv).</li>
 *   <li>Number format: {@code Precision} (fp32, or bf16 MatMuls in {@code Dense} with float32
 *       weights, loss and optimizer, {@code Dense.with}); {@code CpuFeatures} tells whether the CPU
 *       has bfloat16 instructions, without which the commands refuse bf16.</li>
 * </ul>
 */
package org.genmodels.shared.nn;
