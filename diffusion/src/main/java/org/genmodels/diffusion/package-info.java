/**
 * Seed 004's DDPM (MODELS.md §5): a small UNet that predicts the noise of the forward process.
 *
 * <ul>
 *   <li>The network: {@link org.genmodels.diffusion.SimpleUnet}, built of {@code UnetBlock}s and
 *       a {@code SinusoidalEmbedding} of the timestep; its shape and presets:
 *       {@code UnetSettings}.</li>
 *   <li>The process, separate from the network: {@link org.genmodels.diffusion.GaussianDiffusion}
 *       (beta schedule and its tables, {@code qSample}, the reverse step {@code pSample}).</li>
 *   <li>The training graph and its L1 loss: {@link org.genmodels.diffusion.DiffusionModel};
 *       images brought to the network's size in the graph: {@code ImageFraming},
 *       {@code ImageShape}; what it trains on: {@code DiffusionData}; evaluation noise fixed per
 *       example: {@code FixedNoise}.</li>
 *   <li>Sampling: {@code SamplerGraph} (one reverse step per run), {@code Samples} (the images
 *       and snapshots); sample quality by the judge's Fréchet distance: {@code SampleQuality},
 *       {@code FrechetReport}.</li>
 *   <li>Settings: {@code DiffusionSettings}; from code: {@link org.genmodels.diffusion.Diffusion};
 *       figures: {@code DiffusionFigures}.</li>
 *   <li>The command ({@code genmodels diffusion}): {@code DiffusionMain} with
 *       {@code DiffusionSample} and {@code DiffusionBenchmark}, the network's options
 *       {@code ModelOptions}; {@code DiffusionPlugin}.</li>
 *   <li>Serving graph: {@code DdpmServing} ({@code sample}: the T reverse steps in one
 *       loop).</li>
 * </ul>
 */
package org.genmodels.diffusion;
