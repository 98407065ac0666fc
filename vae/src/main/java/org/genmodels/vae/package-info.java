/**
 * The dense VAE of {@code VAE.py} (MODELS.md §2) and the 2-d-latent variants of seeds 003 and 004
 * (§3).
 *
 * <ul>
 *   <li>The layers: {@link org.genmodels.vae.VaeNetwork}.</li>
 *   <li>The training graph and the loss {@code reconstruction + beta · KL}:
 *       {@link org.genmodels.vae.VaeModel}; the reconstruction term and the decoder's output
 *       activation: {@link org.genmodels.vae.Likelihood} (Bernoulli/BCE or Gaussian/MSE); the KL:
 *       {@code Gaussian.kl} and the reparameterization {@code Gaussian.reparameterize} (shared's
 *       {@code nn}); the importance-weighted log-likelihood estimate: also in
 *       {@code VaeModel}.</li>
 *   <li>Settings: {@code VaeSettings}; the seeds' variants: {@code VaePreset}.</li>
 *   <li>Training, encoding, decoding and sampling from code: {@link org.genmodels.vae.Vae}.</li>
 *   <li>Figures (reconstructions, samples, scatter, manifold): {@code VaeFigures}.</li>
 *   <li>The command ({@code genmodels vae}): {@code VaeCommand}; {@code VaeBenchmark};
 *       {@code VaePlugin}.</li>
 *   <li>Serving graph: {@code VaeServing} ({@code encode}, {@code decode}, {@code sample},
 *       {@code serving_default}).</li>
 * </ul>
 */
package org.genmodels.vae;
