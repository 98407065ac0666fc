/**
 * Seed 002's convolutional VAE and conditional VAE (MODELS.md §4), NHWC.
 *
 * <ul>
 *   <li>The layers (convs, LeakyReLU, the label as a second channel through
 *       {@code LabelChannelConv}): {@link org.genmodels.cvae.CvaeNetwork}.</li>
 *   <li>The training graph and its loss (squared error summed per image plus
 *       {@code Gaussian.kl}, summed per image): {@link org.genmodels.cvae.CvaeModel}.</li>
 *   <li>Settings and the seed's defaults: {@code CvaeSettings}.</li>
 *   <li>Training, encoding, decoding and generating from code: {@link org.genmodels.cvae.Cvae}.</li>
 *   <li>The seed's figures (a)–(e): {@code CvaeFigures}; the one- and two-image experiment (f):
 *       {@code CvaeExperiment}; scoring generated digits with the judge:
 *       {@code CvaeJudging}.</li>
 *   <li>The command ({@code genmodels cvae}): {@code CvaeCommand}; {@code CvaeBenchmark};
 *       {@code CvaePlugin}.</li>
 *   <li>Serving graph: {@code CvaeServing}.</li>
 * </ul>
 */
package org.genmodels.cvae;
