/**
 * The training loop every model shares, its optimizer, listeners, and checkpoints with resume.
 *
 * <ul>
 *   <li>A model's graph and session: {@link org.genmodels.shared.train.ModelSession} (under
 *       {@code Autoencoder}, {@code Vae}, ...); what the loop needs of a graph: {@code TrainGraph}
 *       and its {@code Metric}s; the loop: {@code Trainer}, with {@code BatchFeeder} and
 *       {@code Feeds} (closed after each run).</li>
 *   <li>The optimizer: {@code Adam} (every gradient before any update); {@code WeightAverage}.</li>
 *   <li>Listeners ({@code TrainingListener}): {@code StepLogger}, {@code EpochLogger},
 *       {@code ProgressBarDisplay}, {@code HistoryCsv}, {@code BestWeights},
 *       {@code CheckpointSaver}.</li>
 *   <li>Checkpoints: {@code Checkpoints} (save, restore), {@code CheckpointSlots}, {@code Resume}
 *       and {@code ResumePoint}; kept beside them: {@code RunKey}, {@code ModelConfig}; settings
 *       taken back from them: {@code StoredSettings}.</li>
 * </ul>
 */
package org.genmodels.shared.train;
