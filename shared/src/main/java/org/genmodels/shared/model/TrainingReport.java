package org.genmodels.shared.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.MetricValues;

/**
 * What a training run did, as a value: what {@link TrainingRun} returns where the command prints.
 *
 * @param settings  the settings the run trained with (a resumed run's: the checkpoint's put in)
 * @param history   one result per epoch this run trained (a resumed run's from the epoch it resumed in;
 *                  empty when the checkpoint had already reached {@code --epochs})
 * @param test      the final test metrics the run reports: the last epoch's, or the weights the model
 *                  keeps (the VAE's best epoch), or a fresh evaluation when no epoch was trained
 * @param scores    the model's own final numbers by name, e.g. the VAE's {@code nll}, the CVAE's
 *                  {@code label_accuracy}, the DDPM's {@code frechet}; empty when none was computed
 * @param outputDir the run's output directory
 * @param files     what the run wrote there: each figure, {@code history.csv}, the checkpoint directory
 * @param seconds   wall time of the training (epochs and their evaluations, figures included)
 */
public record TrainingReport(Record settings, List<EpochResult> history, MetricValues test,
                             Map<String, Double> scores, Path outputDir, List<Path> files, double seconds) {
  public TrainingReport {
    history = List.copyOf(history);
    scores = Map.copyOf(scores);
    files = List.copyOf(files);
  }

  /** The last epoch trained, if any. */
  public Optional<EpochResult> last() {
    return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
  }
}
