/**
 * Seed 004's DDPM (MODELS.md §5): a small UNet that predicts the noise of the forward process.
 *
 * <ul>
 *   <li>The network: {@link org.genmodels.diffusion.SimpleUnet} of {@code UnetBlock}s and a
 *       {@code SinusoidalEmbedding} of t; its widths and presets: {@code UnetSettings}.</li>
 *   <li>The process, apart from the network: {@link org.genmodels.diffusion.GaussianDiffusion}
 *       (the beta schedule and its tables, {@code qSample}, the reverse step {@code pSample}).</li>
 *   <li>The training graph and its L1 loss: {@link org.genmodels.diffusion.DiffusionModel};
 *       framing images to the network's size: {@code ImageFraming}; the data:
 *       {@code DiffusionData}; fixed evaluation noise: {@code FixedNoise}.</li>
 *   <li>Sampling: {@code SamplerGraph} (all T steps in one run), {@code Samples}; the judge's
 *       Fréchet distance: {@code SampleQuality}, {@code FrechetReport}.</li>
 *   <li>Settings: {@code DiffusionSettings}; from code: {@link org.genmodels.diffusion.Diffusion};
 *       figures: {@code DiffusionFigures}; the command: {@code DiffusionCommand} ({@code sample},
 *       {@code benchmark}), {@code ModelOptions}, {@code DiffusionPlugin}.</li>
 *   <li>Serving graph: {@code DdpmServing} ({@code sample}: the T reverse steps in one loop, the
 *       {@code ReverseChain} the sampler runs too).</li>
 * </ul>
 */
package org.genmodels.diffusion;
