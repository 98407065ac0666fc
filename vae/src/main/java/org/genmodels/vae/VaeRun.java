package org.genmodels.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.Progress;
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.model.ModelRun;
import org.genmodels.shared.train.BestWeights;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.MetricValues;
import org.genmodels.shared.train.TrainingListener;

/**
 * The VAE's part of a training run: every epoch the sampled and reconstructed images and the best
 * weights so far; at the end, with the best weights restored, the seeds' figures, the test
 * negative ELBO and the importance-weighted estimate of the test NLL (scores {@code nll},
 * {@code nll_stderr}).
 */
final class VaeRun extends ModelRun {
  private final Vae vae;
  private final ImageData data;
  private final VaeFigures figures;
  private final BestWeights best;

  private VaeRun(Vae vae, ImageData data, Path dir, Console console) {
    super(data.name().cliName(), data.train().count(), vae.session(), dir, console);
    this.vae = vae;
    this.data = data;
    this.figures = new VaeFigures(vae, dir);
    this.best = new BestWeights(vae.graph().ops(), vae.session(), vae.model().params(), dir.resolve("best_model"),
        vae.settings().config(), line -> { });
  }

  static VaeRun start(VaeSettings s, Path dir, Console console) {
    ImageData data = DatasetLoader.standard(s.dataDir(), console::println).load(s.dataset());
    return new VaeRun(Vae.create(s), data, dir, console);
  }

  @Override
  public String description() {
    VaeSettings s = vae.settings();
    return String.format(Locale.ROOT, "Model: 784-%d-%d (%s decoder), %,d trainable parameters", s.hiddenSize(),
        s.latentSize(), s.likelihood().name().toLowerCase(Locale.ROOT), vae.model().params().trainableCount());
  }

  @Override
  public List<TrainingListener> listeners() {
    return List.of(atEpochEnd(epoch -> figures.epoch(epoch, data.test())), best);
  }

  @Override
  public List<EpochResult> train(List<TrainingListener> listeners, Path resumeFrom) {
    return vae.train(data, listeners, resumeFrom);
  }

  @Override
  public Ending finish(List<EpochResult> history, double seconds) throws IOException {
    VaeSettings s = vae.settings();
    if (!history.isEmpty()) {
      best.restore();
      console.println(String.format(Locale.ROOT, "Trained %d epochs in %.1f s; kept the weights of epoch %d"
          + " (best test loss %.4f of this run), saved in %s", history.size(), seconds, best.bestEpoch(),
          best.bestLoss(), dir.resolve("best_model")));
      wrote(figures.learningCurve(history), dir.resolve("best_model"));
    }
    wrote(figures.latentScatter(data.test(), s.dataset()));
    if (s.latentSize() == 2) {
      wrote(figures.manifold(s.manifoldSize()));
    }
    // z is drawn with noise fixed per test image, so this is the best epoch's test line again
    MetricValues test = vae.evaluate(data.test());
    console.println(String.format(Locale.ROOT, "Test, weights of epoch %d: loss %.4f, negative ELBO %.2f nats"
        + " per image (%s log-likelihood of gray levels, not binarized)",
        history.isEmpty() ? 0 : best.bestEpoch(), test.loss(), test.get("nelbo"), likelihoodName(s)));
    Map<String, Double> scores = new LinkedHashMap<>();
    if (s.iwaeSamples() > 0) {
      scores.putAll(reportLogLikelihood());
    }
    console.println("Pictures in " + dir.toAbsolutePath());
    return new Ending(test, scores);
  }

  /** Prints the IWAE estimate of the test NLL; returns it and its standard error, nats per image. */
  private Map<String, Double> reportLogLikelihood() {
    VaeSettings s = vae.settings();
    int images = Math.min(s.iwaeImages(), data.test().count());
    double[] bounds;
    long start = System.nanoTime();
    try (Progress bar = Progress.start(console, "IWAE k=" + s.iwaeSamples(), images)) {
      bounds = vae.importanceWeightedBound(data.test(), s.iwaeSamples(), images, done -> bar.update(done, ""));
    }
    double nll = -Arrays.stream(bounds).average().orElseThrow();
    double stdErr = Math.sqrt(Arrays.stream(bounds).map(b -> (b + nll) * (b + nll)).sum()
        / (bounds.length - 1.0) / bounds.length);
    console.println(String.format(Locale.ROOT,
        "Test NLL (IWAE, k=%d, %d images): %.2f ± %.2f nats per image, %.4f bits per dimension (%.0f s)",
        s.iwaeSamples(), images, nll, stdErr, nll / (VaeModel.INPUT_SIZE * Math.log(2)),
        (System.nanoTime() - start) / 1e9));
    return Map.of("nll", nll, "nll_stderr", stdErr);
  }

  private static String likelihoodName(VaeSettings s) {
    return s.likelihood() == Likelihood.BERNOULLI ? "Bernoulli" : "unit-variance Gaussian";
  }

  @Override
  public void close() {
    vae.close();
  }
}
