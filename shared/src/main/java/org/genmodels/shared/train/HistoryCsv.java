package org.genmodels.shared.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.genmodels.shared.io.AtomicFiles;

/**
 * The run's metrics history, one CSV row per epoch, as Keras' {@code CSVLogger} keeps it:
 * {@code epoch}, every train metric ({@code train_loss}, ...), every test metric
 * ({@code test_loss}, ...), {@code train_seconds} and {@code eval_seconds}. A fresh run starts the
 * file anew at its first epoch; a resumed run keeps the rows of the epochs before the one it
 * resumes in and appends (that epoch's row, if the interrupted run wrote one, is replaced, as the
 * epoch is trained again). Each update rewrites the file atomically, so a failed write (a full disk)
 * leaves the previous history intact and stops training with the reason.
 *
 * <p>Called on the training thread; not thread-safe.
 */
public final class HistoryCsv implements TrainingListener {
  /** The file name in a run's output directory. */
  public static final String FILE = "history.csv";

  private final Path file;
  private final List<String> rows = new ArrayList<>();
  private String header;

  /** Writes {@code file}. */
  public HistoryCsv(Path file) {
    this.file = file;
  }

  /** The history in {@code outputDir}. */
  public static HistoryCsv in(Path outputDir) {
    return new HistoryCsv(outputDir.resolve(FILE));
  }

  @Override
  public void onResume(ResumePoint start) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the history " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      return;
    }
    header = lines.get(0);
    for (String line : lines.subList(1, lines.size())) {
      int epoch = epochOf(line);
      if (epoch > 0 && epoch < start.epoch()) {
        rows.add(line);
      }
    }
  }

  @Override
  public void onEpochEnd(EpochResult r) {
    String mine = header(r);
    if (header != null && !header.equals(mine)) {
      throw new IllegalStateException(file + " has columns " + header + ", but this run logs " + mine
          + ": move the file away to keep it, or delete it");
    }
    header = mine;
    StringBuilder row = new StringBuilder(Integer.toString(r.epoch()));
    for (double v : r.train().values()) {
      row.append(',').append(number(v));
    }
    for (double v : r.test().values()) {
      row.append(',').append(number(v));
    }
    row.append(',').append(String.format(Locale.ROOT, "%.3f,%.3f", r.trainSeconds(), r.evalSeconds()));
    rows.add(row.toString());
    List<String> lines = new ArrayList<>();
    lines.add(header);
    lines.addAll(rows);
    try {
      AtomicFiles.writeStream(file, out -> out.write((String.join("\n", lines) + "\n")
          .getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the history " + file + " (" + e.getMessage()
          + "): the previous version is left as it was", e);
    }
  }

  private static String header(EpochResult r) {
    StringBuilder h = new StringBuilder("epoch");
    r.train().names().forEach(n -> h.append(",train_").append(n));
    r.test().names().forEach(n -> h.append(",test_").append(n));
    return h.append(",train_seconds,eval_seconds").toString();
  }

  /** The shortest decimal that reads back as the same double. */
  private static String number(double v) {
    return Double.toString(v);
  }

  private static int epochOf(String line) {
    int comma = line.indexOf(',');
    try {
      return Integer.parseInt(comma < 0 ? line : line.substring(0, comma));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
