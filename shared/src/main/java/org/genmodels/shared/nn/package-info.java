/**
 * Graph building blocks every model shares: layers, initializers, losses, the Gaussian latent,
 * and seeded randomness. All of it is graph code on {@code Ops}; nothing here runs a session.
 *
 * <ul>
 *   <li>Layers: {@link org.genmodels.shared.nn.Dense}, {@code Conv2D} and
 *       {@code Conv2DTranspose} (what they share, variables and padding, in {@code ConvLayer};
 *       padding dialects in {@code Padding}), {@code BatchNorm}, {@code Activation}. Their
 *       variables come from {@code Parameters}, which hands out reads, not the variables.</li>
 *   <li>Initial weights: {@code Initializer} (the distributions, Keras' fan rules) and
 *       {@code WeightInit} (Keras, PyTorch or TF1 defaults as a per-model setting).</li>
 *   <li>Losses: {@code Losses} (BCE from logits, squared error, the reductions) with
 *       {@code Reduction} (mean, or sum per example).</li>
 *   <li>The VAE latent: {@link org.genmodels.shared.nn.Gaussian} (reparameterization,
 *       {@code Gaussian.kl} to N(0, I), log densities); the importance-weighted bound:
 *       {@code ImportanceWeighting}.</li>
 *   <li>Inputs: {@code ImageInput} (uint8 pixels scaled in the graph) and {@code LabelInput}
 *       (labels and one-hot).</li>
 *   <li>Reproducibility: {@code Seeds} (one seed pair per random op), {@code StepKey} (noise keyed
 *       by the global step, the same after a resume), {@code Fanout} (gradient sums in a fixed
 *       order).</li>
 *   <li>Faster forms of the same math: {@code ConvComposition} (two convs as one) and
 *       {@code LabelChannelConv} (a label channel without building it).</li>
 * </ul>
 */
package org.genmodels.shared.nn;
