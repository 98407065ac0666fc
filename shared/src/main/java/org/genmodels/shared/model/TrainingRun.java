package org.genmodels.shared.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.OutputDirectory;
import org.genmodels.shared.cli.SettingsLog;
import org.genmodels.shared.tf.Engine;
import org.genmodels.shared.train.CheckpointSaver;
import org.genmodels.shared.train.CheckpointSlots;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.HistoryCsv;
import org.genmodels.shared.train.RunKey;
import org.genmodels.shared.train.TrainingListener;

/**
 * A training run, the same for every model: the checkpoint to resume → the settings (a
 * checkpoint's put in) → their log line and the engine's ({@link Engine}) → the output directory
 * → the data and the model ({@link TrainingCommand#start}) → the listeners → training → the model's last lines → the
 * {@link TrainingReport}.
 */
public final class TrainingRun {
  private TrainingRun() {
  }

  /** Runs {@code command} as its options say, printing to {@code console}. */
  public static <S extends Record & TrainingSettings<S>> TrainingReport run(TrainingCommand<S> command,
      Console console) throws IOException {
    S fromCommandLine = command.settings();
    CheckpointSlots.Slot from = command.checkpoints.resumeSlot(fromCommandLine.outputDir(), console::println);
    S s = from == null ? fromCommandLine : command.storedSettings(from.dir());
    command.requireRunnable(s);
    console.println(SettingsLog.format(s));
    console.println(Engine.describe());
    Path dir = OutputDirectory.prepare(s.outputDir());
    try (ModelRun model = command.start(s, dir, console)) {
      console.println(model.description());
      List<TrainingListener> listeners = new ArrayList<>(command.progress.listeners(console));
      listeners.addAll(model.listeners());
      listeners.add(HistoryCsv.in(dir));
      RunKey key = new RunKey(model.dataName(), model.trainImages(), s.batchSize(), s.seed());
      // last, so that an epoch-end checkpoint follows the epoch's figures
      listeners.add(command.checkpoints.saver(model.session(), dir, key, s.config(), from, console::println));
      long start = System.nanoTime();
      List<EpochResult> history = model.train(listeners, from == null ? null : from.dir());
      double seconds = (System.nanoTime() - start) / 1e9;
      ModelRun.Ending end = model.finish(history, seconds);
      List<Path> files = new ArrayList<>(model.figures());
      files.add(dir.resolve(HistoryCsv.FILE));
      files.add(CheckpointSaver.directory(dir));
      return new TrainingReport(s, history, end.test(), end.scores(), dir, files, seconds);
    }
  }
}
