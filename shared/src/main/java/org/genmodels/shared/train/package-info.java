/**
 * The training loop every model shares, its optimizer, its listeners, and checkpoints with resume.
 *
 * <ul>
 *   <li>A model's graph and session, and training it: {@link org.genmodels.shared.train.ModelSession}
 *       (what {@code Autoencoder}, {@code Vae}, ... are built on); what the loop needs of a graph:
 *       {@code TrainGraph} with its {@code Metric}s; the loop itself: {@code Trainer}; its results:
 *       {@code StepResult}, {@code EpochResult}, {@code MetricValues}.</li>
 *   <li>Feeding: {@code BatchFeeder} makes the {@code Feeds} of a batch (closed after each run);
 *       evaluation noise fixed per example: {@code FixedExampleNoise}.</li>
 *   <li>The optimizer: {@code Adam} (Keras' Adam on TF's kernel, every gradient before any
 *       update). Weight averaging for sampling: {@code WeightAverage}.</li>
 *   <li>Listeners ({@code TrainingListener}): {@code StepLogger}, {@code EpochLogger},
 *       {@code ProgressBarDisplay}, {@code HistoryCsv}, {@code BestWeights},
 *       {@code CheckpointSaver}.</li>
 *   <li>Checkpoints: {@code Checkpoints} (save, restore), {@code CheckpointSlots} (the last few),
 *       {@code Resume}/{@code ResumePoint} (where to continue); what is kept beside them:
 *       {@code RunKey} and {@code ModelConfig}; settings taken back from them:
 *       {@code StoredSettings}.</li>
 *   <li>Benchmarks' timing summary: {@code EpochTimings}. Divergence:
 *       {@code NonFiniteLossException}.</li>
 * </ul>
 */
package org.genmodels.shared.train;
