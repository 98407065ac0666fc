package org.genmodels.cvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.model.ModelMain;
import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --checkpoint-every} and {@code --resume} of the real program: a run killed (SIGKILL) after
 * its first checkpoint and resumed ends with the checkpoint and test loss of an uninterrupted run.
 */
class CvaeResumeTest {
  /** 20 steps per epoch: checkpoints at global steps 10, 20 (after epoch 1's figure), 30, 40. */
  private static final List<String> RUN = List.of("--train-limit", "1280", "--epochs", "2",
      "--checkpoint-every", "10", "--log-every", "0", "--no-progress", "--manifold-digits", "2", "--judge-images", "0");

  @TempDir
  Path tmp;

  private static String[] args(Path output, String... more) {
    List<String> args = new ArrayList<>(RUN);
    args.addAll(List.of("--data-dir", TestData.mnistDir().toString(), "--output", output.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static CliRun.Output run(String... args) {
    return CliRun.run(new CvaeCommand(), args);
  }

  /** Starts {@code ModelMain cvae} in a child JVM with this JVM's class path, its output in {@code log}. */
  private static Process start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ModelMain.class.getName(), "cvae"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static String testLossLine(String out) {
    return out.lines().filter(l -> l.startsWith("Trained ")).findFirst()
        .map(l -> l.substring(l.indexOf("test loss"))).orElseThrow(() -> new AssertionError(out));
  }

  private static byte[] variables(Path output) throws IOException {
    try (Stream<Path> files = Files.list(output.resolve("checkpoint"))) {
      Path data = files.filter(f -> f.getFileName().toString().startsWith("variables.data-")).findFirst()
          .orElseThrow();
      return Files.readAllBytes(data);
    }
  }

  @Test
  void aKilledRunResumesToTheUninterruptedResult() throws Exception {
    Path whole = tmp.resolve("whole");
    CliRun.Output uninterrupted = run(args(whole));
    assertEquals(0, uninterrupted.code(), uninterrupted.err());
    assertTrue(uninterrupted.out().contains("checkpoint of global step 40 in "), uninterrupted.out());

    Path killed = tmp.resolve("killed");
    Path log = tmp.resolve("killed.log");
    Process child = start(log, args(killed));
    Path index = killed.resolve("checkpoint").resolve("variables.index");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(index) && child.isAlive()) {
      if (System.nanoTime() > deadline) {
        child.destroyForcibly();
        fail("no checkpoint within 60 s:\n" + Files.readString(log));
      }
      Thread.sleep(2);
    }
    child.destroyForcibly().waitFor();
    assertNotEquals(0, child.exitValue(), "the run ended before it could be killed:\n" + Files.readString(log));

    // neither a fresh run nor a resume with other batches may replace the interrupted run's work
    CliRun.Output fresh = run(args(killed));
    assertEquals(Cli.USER_ERROR, fresh.code(), fresh.err());
    assertTrue(fresh.err().contains("holds the checkpoint of an unfinished run"), fresh.err());
    CliRun.Output otherBatches = run(args(killed, "--resume", "--batch-size", "32"));
    assertEquals(Cli.USER_ERROR, otherBatches.code(), otherBatches.err());
    assertTrue(otherBatches.err().contains("--batch-size sets batch_size 32, the checkpoint's run has 64"),
        otherBatches.err());

    CliRun.Output resumed = run(args(killed, "--resume"));
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().matches("(?s).*resuming at epoch [12], step (0|10) of 20 \\(global step [123]0\\).*"),
        resumed.out());
    assertEquals(testLossLine(uninterrupted.out()), testLossLine(resumed.out()));
    assertArrayEquals(variables(whole), variables(killed));
  }

  @Test
  void resumingWithoutACheckpointSaysWhereAndWhatToDo() {
    Path empty = tmp.resolve("empty");
    CliRun.Output r = run(args(empty, "--resume"));
    assertEquals(Cli.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("no checkpoint to resume from in " + empty.resolve("checkpoint")), r.err());
    assertTrue(r.err().contains("(--output), or start afresh without --resume"), r.err());
  }

  @Test
  void aTruncatedCheckpointIsAClearError() throws IOException {
    Path out = tmp.resolve("short");
    CliRun.Output first = run("--train-limit", "640", "--epochs", "1", "--checkpoint-every", "0", "--log-every",
        "0", "--no-progress", "--manifold-digits", "2", "--judge-images", "0", "--data-dir", TestData.mnistDir().toString(),
        "--output", out.toString());
    assertEquals(0, first.code(), first.err());
    try (Stream<Path> files = Files.list(out.resolve("checkpoint"))) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("variables.data-")).toList()) {
        try (RandomAccessFile file = new RandomAccessFile(f.toFile(), "rw")) {
          file.setLength(file.length() / 2);
        }
      }
    }
    CliRun.Output r = run("--train-limit", "640", "--epochs", "1", "--log-every", "0", "--no-progress",
        "--data-dir", TestData.mnistDir().toString(), "--output", out.toString(), "--resume");
    assertEquals(Cli.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("no readable checkpoint in " + out.toAbsolutePath()), r.err());
    assertTrue(r.err().contains("checkpoint (step 10): ") && r.err().contains("the checkpoint is truncated"), r.err());
  }
}
