/**
 * The judge: a small MNIST-style classifier that scores generated images, for the CVAE's label
 * accuracy ({@code CvaeJudging}) and the DDPM's Fréchet distance ({@code SampleQuality}).
 *
 * <ul>
 *   <li>The classifier's graph (a Keras-example convnet, its 128 features, the logits):
 *       {@link org.genmodels.shared.judge.JudgeModel}.</li>
 *   <li>Training it on demand and caching it outside the repository, then classifying and
 *       extracting features: {@code Judge}; a model's images into the judge's 28 × 28 in [0, 1]:
 *       {@code JudgeInput}.</li>
 *   <li>The Fréchet distance: {@code FeatureStats} (mean, covariance), {@code FrechetDistance}
 *       (the formula, via {@code SymmetricEigen}), {@code FrechetScore} (the result). Per-class
 *       accuracy: {@code LabelAccuracy}.</li>
 * </ul>
 */
package org.genmodels.shared.judge;
