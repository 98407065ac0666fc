package org.genmodels.shared.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.io.AtomicFiles;
import org.genmodels.shared.io.DirectoryKind;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * TF checkpoints of every variable of a session's graph (weights, optimizer slots and whatever
 * state the model keeps in variables), one directory each. A directory is written beside its
 * final place and renamed into it, so a crash mid-write leaves the previous checkpoint intact.
 * TF Java builds the save op over the variables that exist at the first save or restore: call
 * these only once the graph is complete.
 */
public final class Checkpoints {
  /** The checkpoint prefix inside a checkpoint directory. */
  static final String PREFIX = "variables";

  /**
   * What a training checkpoint directory holds, and so what {@link #save} replaces: TF's files of
   * the prefix {@value #PREFIX} and the run's {@link RunKey#FILE}. A file that a checkpoint gains
   * is added here; anything else in the directory is refused.
   */
  public static final DirectoryKind DIRECTORY = kind("checkpoint",
      "give another --output, or move that folder away", RunKey.FILE);

  private Checkpoints() {
  }

  /**
   * A kind of directory holding a TF checkpoint of prefix {@value #PREFIX} and the files
   * {@code alongside} (a cache's metadata, say).
   */
  public static DirectoryKind kind(String name, String remedy, String... alongside) {
    return DirectoryKind.of(name, remedy, PREFIX + ".index", PREFIX + ".data-*-of-*").withEntries(alongside);
  }

  /** Saves every variable into {@code dir}, replacing the checkpoint there ({@link #DIRECTORY}). */
  public static void save(Session session, Path dir) throws IOException {
    save(session, dir, tmp -> { });
  }

  /**
   * As {@link #save(Session, Path)}, with the model's {@code config} beside the variables, so that
   * {@code export}, {@code sample} and the embedding API rebuild the model without being told its
   * settings.
   */
  public static void save(Session session, Path dir, ModelConfig config) throws IOException {
    save(session, dir, tmp -> RunKey.writeConfig(tmp, config));
  }

  /** As {@link #save(Session, Path)}, with files of {@code alongside}'s in the same directory swap. */
  public static void save(Session session, Path dir, AtomicFiles.Writer alongside) throws IOException {
    save(session, dir, DIRECTORY, alongside);
  }

  /**
   * Saves every variable and what {@code alongside} writes into {@code dir}, replacing a directory
   * of {@code kind} there.
   *
   * @throws org.genmodels.shared.cli.UserException when {@code dir} holds something else
   * @throws IOException naming {@code dir} and the cause (TF's message too) when the save fails;
   *                     what was in {@code dir} is then unchanged
   */
  public static void save(Session session, Path dir, DirectoryKind kind, AtomicFiles.Writer alongside)
      throws IOException {
    AtomicFiles.writeDirectory(dir, kind, tmp -> {
      try {
        session.save(tmp.resolve(PREFIX).toString());
      } catch (TensorFlowException e) {
        throw new IOException(firstLine(e.getMessage()), e);
      }
      alongside.write(tmp);
    });
  }

  /**
   * Saves every variable as the newest of the last {@code keep} checkpoints ({@link CheckpointSlots}),
   * with {@code alongside}'s files: written completely beside {@code dir}, then rotated in (or put in
   * the newest's place, {@code replaceNewest}).
   *
   * @throws IOException naming {@code dir} and what failed (a full disk, say); the checkpoints
   *                     there before are left as they were
   */
  static void saveRotating(Session session, Path dir, int keep, boolean replaceNewest, AtomicFiles.Writer alongside)
      throws IOException {
    DIRECTORY.requireReplaceable(dir);
    Path temp = AtomicFiles.temporaryDirectoryBeside(dir);
    try {
      try {
        session.save(temp.resolve(PREFIX).toString());
      } catch (TensorFlowException e) {
        throw new IOException(firstLine(e.getMessage()), e);
      }
      alongside.write(temp);
      CheckpointSlots.rotateIn(temp, dir, keep, replaceNewest);
    } catch (IOException e) {
      AtomicFiles.deleteRecursively(temp);
      throw new IOException("cannot write the checkpoint " + dir + ": " + e.getMessage()
          + " (the checkpoints there are unchanged)", e);
    } catch (RuntimeException | Error e) {
      AtomicFiles.deleteRecursively(temp);
      throw e;
    }
  }

  /**
   * Restores every variable from {@code dir}.
   *
   * @throws UserException when the directory holds no checkpoint, or one that does not fit the
   *                       graph (another model, other settings) or is corrupt
   */
  public static void restore(Session session, Path dir) {
    Path index = dir.resolve(PREFIX + ".index");
    if (!Files.isRegularFile(index)) {
      throw new UserException("no checkpoint in " + dir + " (expected " + index.getFileName()
          + "): check the path, or start without resuming");
    }
    try {
      session.restore(dir.resolve(PREFIX).toString());
    } catch (TensorFlowException | IllegalArgumentException e) {
      throw new UserException("cannot restore the checkpoint in " + dir + ": it is corrupt or was"
          + " written by a model with other settings (" + firstLine(e.getMessage()) + ")", e);
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
