package org.genmodels.shared.train;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.io.AtomicFiles;
import org.genmodels.shared.tf.CheckpointReader;

/**
 * The last few checkpoints of a run, newest first: {@code checkpoint/}, then
 * {@code checkpoint.1/}, {@code checkpoint.2/}, ... — log rotation's names, so that the newest is
 * always where it has always been, and one damaged checkpoint does not end a run.
 *
 * <p>A new checkpoint is written completely into a temporary sibling before anything is renamed;
 * then the older ones move up a number, the newest becomes {@code checkpoint.1/}, the new one
 * {@code checkpoint/}, and those beyond the number to keep are deleted. A crash at any moment
 * leaves every complete checkpoint under one of these names, which {@link #newestReadable} reads
 * by their steps. Not thread-safe: one run writes its checkpoints.
 */
public final class CheckpointSlots {
  private CheckpointSlots() {
  }

  /** A checkpoint directory found, and the step its {@value RunKey#FILE} names. */
  public record Slot(Path dir, RunKey.Stored stored) {
  }

  /**
   * Puts the complete checkpoint in {@code written} (a directory beside {@code newest}) in place
   * as {@code newest}, keeping {@code keep} checkpoints in all; with {@code replaceNewest} it takes
   * the newest's place instead (a second save of the same step, to mark the run finished), the old
   * one renamed aside until the new one is in place ({@link AtomicFiles#putInPlace}).
   */
  static void rotateIn(Path written, Path newest, int keep, boolean replaceNewest) throws IOException {
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least one checkpoint, got " + keep);
    }
    if (replaceNewest && Files.exists(newest)) {
      AtomicFiles.putInPlace(written, newest);
      return;
    }
    List<Path> numbered = numbered(newest);
    for (int i = numbered.size() - 1; i >= 0; i--) {
      Path from = numbered.get(i);
      move(from, numberedSibling(newest, number(newest, from) + 1));
    }
    if (Files.exists(newest)) {
      move(newest, numberedSibling(newest, 1));
    }
    move(written, newest);
    for (Path old : numbered(newest)) {
      if (number(newest, old) >= keep) {
        AtomicFiles.deleteRecursively(old);
      }
    }
  }

  /** {@code newest} and its numbered siblings that exist, by number (newest first). */
  public static List<Path> existing(Path newest) throws IOException {
    List<Path> all = new ArrayList<>();
    if (Files.isDirectory(newest)) {
      all.add(newest);
    }
    all.addAll(numbered(newest));
    return all;
  }

  /**
   * The newest checkpoint among {@code newest} and its numbered siblings that is whole: its
   * {@value RunKey#FILE} readable and every tensor matching its checksum. Damaged ones are skipped,
   * each with a line to {@code log}.
   *
   * @return empty when there is no checkpoint at all
   * @throws UserException when there are checkpoints but none is readable, saying why for each
   */
  public static Optional<Slot> newestReadable(Path newest, Consumer<String> log) {
    List<Slot> candidates = new ArrayList<>();
    List<String> damaged = new ArrayList<>();
    List<Path> dirs;
    try {
      dirs = existing(newest);
    } catch (IOException e) {
      throw new UserException("cannot list the checkpoints beside " + newest + ": " + e.getMessage(), e);
    }
    for (Path dir : dirs) {
      try {
        Optional<RunKey.Stored> stored = RunKey.read(dir);
        if (stored.isEmpty()) {
          damaged.add(dir.getFileName() + ": no " + RunKey.FILE);
          continue;
        }
        candidates.add(new Slot(dir, stored.get()));
      } catch (RuntimeException e) {
        damaged.add(dir.getFileName() + ": " + e.getMessage());
      }
    }
    candidates.sort(Comparator.comparingLong((Slot s) -> s.stored().step()).reversed());
    for (Slot s : candidates) {
      try {
        CheckpointReader.open(s.dir()).verify();
        damaged.forEach(d -> log.accept("skipping a damaged checkpoint: " + d));
        return Optional.of(s);
      } catch (RuntimeException e) {
        damaged.add(s.dir().getFileName() + " (step " + s.stored().step() + "): " + e.getMessage());
      }
    }
    if (damaged.isEmpty()) {
      return Optional.empty();
    }
    throw new UserException("no readable checkpoint in " + newest.toAbsolutePath().getParent() + ": "
        + String.join("; ", damaged) + ". Delete them to start afresh, or restore a copy");
  }

  private static List<Path> numbered(Path newest) throws IOException {
    Path parent = newest.toAbsolutePath().getParent();
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    Pattern name = Pattern.compile(Pattern.quote(newest.getFileName().toString()) + "\\.([1-9][0-9]{0,5})");
    List<Path> found = new ArrayList<>();
    try (var list = Files.list(parent)) {
      list.forEach(p -> {
        Matcher m = name.matcher(p.getFileName().toString());
        if (m.matches() && Files.isDirectory(p)) {
          found.add(p);
        }
      });
    }
    found.sort(Comparator.comparingInt(p -> number(newest, p)));
    return found;
  }

  private static int number(Path newest, Path sibling) {
    String name = sibling.getFileName().toString();
    return Integer.parseInt(name.substring(newest.getFileName().toString().length() + 1));
  }

  private static Path numberedSibling(Path newest, int n) {
    return newest.toAbsolutePath().resolveSibling(newest.getFileName() + "." + n);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** E.g. {@code checkpoint.1 (global step 900)}, for messages. */
  public static String describe(Slot s) {
    return String.format(Locale.ROOT, "%s (global step %d)", s.dir(), s.stored().step());
  }
}
