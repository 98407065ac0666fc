/**
 * The dense autoencoder of the seed's {@code AE.py} (MODELS.md §1): {@code 784 → 256 → 128 → 20}
 * and back, trained on binary cross-entropy.
 *
 * <ul>
 *   <li>The layers (widths, activations, variable names):
 *       {@link org.genmodels.ae.AutoencoderNetwork}.</li>
 *   <li>The training graph and its loss (the mean BCE from logits, {@code Losses.bceMean}):
 *       {@link org.genmodels.ae.AutoencoderModel}.</li>
 *   <li>Defaults and what a run depends on: {@code AutoencoderSettings}.</li>
 *   <li>Training, encoding and decoding from code: {@link org.genmodels.ae.Autoencoder}.</li>
 *   <li>The command ({@code genmodels ae}): {@code AutoencoderCommand}; its speed benchmark:
 *       {@code AutoencoderBenchmark}; the model as the tools find it:
 *       {@code AutoencoderPlugin}.</li>
 *   <li>Serving graph: {@code AutoencoderServing} ({@code encode}, {@code decode},
 *       {@code serving_default}).</li>
 * </ul>
 */
package org.genmodels.ae;
