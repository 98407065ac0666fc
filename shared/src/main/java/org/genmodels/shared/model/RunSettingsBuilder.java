package org.genmodels.shared.model;

import java.nio.file.Path;
import org.genmodels.shared.data.DatasetName;

/**
 * The part every model's settings builder shares: the run's data set and data folder, epochs,
 * batch size, seed and output folder. A model's {@code Builder} extends it and adds its own
 * architecture and training fields, so that {@code XSettings.builder().epochs(3).latentSize(2)}
 * reads the same for every model. Not thread-safe; a builder is used by one thread.
 *
 * @param <B> the model's builder, which every setter returns
 */
public abstract class RunSettingsBuilder<B extends RunSettingsBuilder<B>> {
  /** The data set to train on. */
  protected DatasetName dataset;
  /** Epochs to train. */
  protected int epochs;
  /** Examples per step. */
  protected int batchSize;
  /** The seed of weights, shuffling and noise. */
  protected long seed;
  /** Where the figures, history.csv and checkpoints go. */
  protected Path outputDir;
  /** Where to look for the data first, or null. */
  protected Path dataDir;

  protected RunSettingsBuilder() {
  }

  public B dataset(DatasetName v) { dataset = v; return self(); }
  public B epochs(int v) { epochs = v; return self(); }
  public B batchSize(int v) { batchSize = v; return self(); }
  public B seed(long v) { seed = v; return self(); }
  public B outputDir(Path v) { outputDir = v; return self(); }
  public B dataDir(Path v) { dataDir = v; return self(); }

  /** The shared fields of {@code settings}: a model's {@code toBuilder()} starts here. */
  public B run(TrainingSettings<?> settings) {
    return dataset(settings.dataset()).epochs(settings.epochs()).batchSize(settings.batchSize())
        .seed(settings.seed()).outputDir(settings.outputDir()).dataDir(settings.dataDir());
  }

  @SuppressWarnings("unchecked")
  private B self() {
    // B is the concrete builder that extends this class (see the type parameter)
    return (B) this;
  }
}
