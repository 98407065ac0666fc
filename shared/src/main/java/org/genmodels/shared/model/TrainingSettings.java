package org.genmodels.shared.model;

import java.nio.file.Path;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.train.ModelConfig;

/**
 * What a {@link TrainingRun} needs of a model's settings record, whatever else the record holds:
 * what it trains on, where the run writes, what decides its batches, and the config a checkpoint
 * keeps. {@link RunSettingsBuilder} builds the shared part.
 *
 * @param <S> the record itself, which {@link #withConfig} returns
 */
public interface TrainingSettings<S extends TrainingSettings<S>> {
  /** The data set the run trains on. */
  DatasetName dataset();

  /** Epochs to train. */
  int epochs();

  /** Where to look for the data first, or null for the standard places. */
  Path dataDir();

  /** Where the figures, history.csv and the checkpoints go. */
  Path outputDir();

  /** Examples per step: part of the {@link org.genmodels.shared.train.RunKey} a checkpoint is checked against. */
  int batchSize();

  /** The seed of weights, shuffling and noise: part of the run key too. */
  long seed();

  /** The settings a checkpoint keeps and {@code --resume} restores. */
  ModelConfig config();

  /** These settings with a checkpoint's config put in. */
  S withConfig(ModelConfig config);
}
