package org.genmodels.shared.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genmodels.shared.cli.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target that is, holds or lies inside the source is refused, however the paths are spelled. */
class DistinctPathsTest {
  @TempDir
  Path tmp;

  private String refusal(Path source, Path target) {
    return assertThrows(UserException.class, () -> DistinctPaths.requireApart(source, "the checkpoint", target,
        "--output", "give another --output")).getMessage();
  }

  private static void apart(Path source, Path target) {
    DistinctPaths.requireApart(source, "the checkpoint", target, "--output", "give another --output");
  }

  @Test
  void theSourceAFolderHoldingItOrOneInsideItIsRefused() throws IOException {
    Path run = tmp.resolve("vae");
    Path checkpoint = Files.createDirectories(run.resolve("best_model"));
    assertEquals("--output " + checkpoint + " is the checkpoint: writing there would delete it; give another --output",
        refusal(checkpoint, checkpoint));
    assertEquals("--output " + run + " holds the checkpoint (" + checkpoint + "): writing there would delete it;"
        + " give another --output", refusal(checkpoint, run));
    assertEquals("--output " + tmp + " holds the checkpoint (" + checkpoint + "): writing there would delete it;"
        + " give another --output", refusal(checkpoint, tmp));
    Path inside = checkpoint.resolve("export").resolve("1");
    assertEquals("--output " + inside + " is inside the checkpoint (" + checkpoint + "): writing there would delete"
        + " it; give another --output", refusal(checkpoint, inside));
  }

  @Test
  void pathsAreComparedAsTheFileSystemResolvesThem() throws IOException {
    Path run = tmp.resolve("vae");
    Path checkpoint = Files.createDirectories(run.resolve("best_model"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), run);
    refusal(checkpoint, link);
    refusal(link.resolve("best_model"), run);
    refusal(checkpoint, run.resolve("best_model").resolve("..").resolve(".").resolve("best_model"));
    refusal(checkpoint, link.resolve("best_model").resolve("new"));
  }

  @Test
  void siblingsAndNamesSharingABeginningAreApart() throws IOException {
    Path run = tmp.resolve("vae");
    Path checkpoint = Files.createDirectories(run.resolve("best_model"));
    apart(checkpoint, run.resolve("best_model2"));
    apart(checkpoint, run.resolve("export"));
    apart(checkpoint, tmp.resolve("vae2"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("elsewhere"));
    apart(checkpoint, link.resolve("export"));
  }
}
