package org.genmodels.shared.train;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.genmodels.shared.cli.UserException;

/**
 * What gives a global step its meaning: the data set and its number of training images, the batch
 * size and the seed, which together decide every step's batch and noise. {@link CheckpointSaver}
 * writes it beside each checkpoint ({@value #FILE}, with the step and whether the run finished),
 * so that a resume with other values is refused instead of silently training on other batches,
 * and a fresh run does not replace the checkpoint of an unfinished one.
 *
 * @param dataset     the data set's name
 * @param trainImages training images per epoch
 * @param batchSize   images per step
 * @param seed        the run's seed
 */
public record RunKey(String dataset, int trainImages, int batchSize, long seed) {
  /** The file in a checkpoint directory. */
  public static final String FILE = "run.properties";

  /** The key a checkpoint directory holds, the step it was written at, and whether its run ended. */
  public record Stored(RunKey key, long step, boolean finished) {
  }

  /**
   * Writes {@code dir}/{@value #FILE}: this key, the {@code step}, {@code finished} and the
   * model's {@code config} (when not null).
   */
  public void write(Path dir, long step, boolean finished, ModelConfig config) throws IOException {
    Properties p = new Properties();
    p.setProperty("dataset", dataset);
    p.setProperty("train_images", Integer.toString(trainImages));
    p.setProperty("batch_size", Integer.toString(batchSize));
    p.setProperty("seed", Long.toString(seed));
    p.setProperty("step", Long.toString(step));
    p.setProperty("finished", Boolean.toString(finished));
    if (config != null) {
      config.addTo(p);
    }
    store(p, dir);
  }

  /** Writes only {@code config} into {@code dir}/{@value #FILE} (a best-weights checkpoint has no step). */
  static void writeConfig(Path dir, ModelConfig config) throws IOException {
    Properties p = new Properties();
    config.addTo(p);
    store(p, dir);
  }

  private static void store(Properties p, Path dir) throws IOException {
    try (var out = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
      p.store(out, "the run this checkpoint belongs to");
    }
  }

  /**
   * The key stored in {@code checkpointDir}; empty when there is none (no checkpoint, or one
   * written before keys were kept).
   *
   * @throws UserException when the file is there but unreadable
   */
  public static Optional<Stored> read(Path checkpointDir) {
    Path file = checkpointDir.resolve(FILE);
    Optional<Properties> loaded = load(file);
    if (loaded.isEmpty() || !loaded.get().containsKey("step") && !loaded.get().containsKey("dataset")) {
      // none, or the config-only file of a best-weights checkpoint
      return Optional.empty();
    }
    Properties p = loaded.get();
    try {
      RunKey key = new RunKey(required(p, "dataset", file), Integer.parseInt(required(p, "train_images", file)),
          Integer.parseInt(required(p, "batch_size", file)), Long.parseLong(required(p, "seed", file)));
      return Optional.of(new Stored(key, Long.parseLong(required(p, "step", file)),
          Boolean.parseBoolean(required(p, "finished", file))));
    } catch (IllegalArgumentException e) {
      throw new UserException(file + " is corrupt (" + e.getMessage()
          + "): delete the checkpoint directory " + checkpointDir + " to start afresh", e);
    }
  }

  /**
   * The properties in {@code file} ({@value #FILE} of a checkpoint); empty when there is no such
   * file.
   *
   * @throws UserException when the file is not UTF-8 text in the
   *                                                 properties format
   */
  static Optional<Properties> load(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
      return Optional.of(p);
    } catch (CharacterCodingException e) {
      throw new UserException(file + " is corrupt (not UTF-8 text): delete the checkpoint"
          + " directory " + file.getParent() + " to start afresh", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserException(file + " is corrupt (" + e.getMessage()
          + "): delete the checkpoint directory " + file.getParent() + " to start afresh", e);
    }
  }


  private static String required(Properties p, String name, Path file) {
    String value = p.getProperty(name);
    if (value == null) {
      throw new IllegalArgumentException("no " + name);
    }
    return value;
  }

  /**
   * How {@code stored} differs from this key, one phrase per value, e.g.
   * {@code "batch size 64 (this run: 32)"}; empty when they agree.
   */
  public List<String> differences(RunKey stored) {
    List<String> d = new ArrayList<>();
    if (!dataset.equals(stored.dataset)) {
      d.add("data set " + stored.dataset + " (this run: " + dataset + ")");
    }
    if (trainImages != stored.trainImages) {
      d.add(String.format(Locale.ROOT, "%d training images (this run: %d)", stored.trainImages, trainImages));
    }
    if (batchSize != stored.batchSize) {
      d.add(String.format(Locale.ROOT, "batch size %d (this run: %d)", stored.batchSize, batchSize));
    }
    if (seed != stored.seed) {
      d.add(String.format(Locale.ROOT, "seed %d (this run: %d)", stored.seed, seed));
    }
    return d;
  }
}
