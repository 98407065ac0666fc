package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.genmodels.ae.Autoencoder;
import org.genmodels.shared.train.Checkpoints;
import org.genmodels.vae.Vae;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding API runs without the command-line libraries, which the poms make optional so that
 * an application depending on {@code savedmodels} does not get them: an {@link EmbeddingApplication}
 * in a JVM of its own, on this test's classpath less the jars of picocli, progressbar, jline and
 * xchart, loads an export and a checkpoint and computes what the trained models compute here.
 */
class EmbeddingClasspathTest {
  /** The file-name prefixes of the libraries' jars, as Maven names them. */
  private static final List<String> CLI_JARS = List.of("picocli-", "progressbar-", "jline-", "xchart-");

  @TempDir
  Path tmp;

  @Test
  void anExportAndACheckpointRunWithoutTheCommandLineLibraries() throws Exception {
    float[][] x = EmbeddingApplication.images();
    int n = x.length;
    Path export = tmp.resolve("ae-export");
    Path checkpoint = tmp.resolve("vae-checkpoint");
    float[] codes;
    float[] means;
    float[] samples;
    try (Autoencoder ae = Trained.autoencoder()) {
      ModelExport.export(ae, export);
      codes = ae.encode(Trained.flat(x), n);
    }
    try (Vae vae = Trained.vae()) {
      Checkpoints.save(vae.session(), checkpoint);
      means = vae.encode(Trained.flat(x), n).mean();
      samples = vae.sample(EmbeddingApplication.ROWS, EmbeddingApplication.SEED);
    }

    Map<String, String> lines = run(withoutCliJars(), export, checkpoint);
    for (String name : EmbeddingApplication.CLI_CLASSES) {
      assertTrue(lines.containsKey("absent " + name), name + " is on the application's classpath: " + lines.keySet());
    }
    assertArrayEquals(codes, floats(lines.get("codes")), 0f);
    assertArrayEquals(means, floats(lines.get("means")), 0f);
    assertArrayEquals(samples, floats(lines.get("samples")), 0f);
  }

  /** This test's classpath less the libraries' jars, each of which must have been on it. */
  private static List<String> withoutCliJars() {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      String file = Path.of(entry).getFileName().toString();
      boolean cli = file.endsWith(".jar") && CLI_JARS.stream().anyMatch(file::startsWith);
      (cli ? dropped : kept).add(entry);
    }
    for (String prefix : CLI_JARS) {
      assertTrue(dropped.stream().anyMatch(e -> Path.of(e).getFileName().toString().startsWith(prefix)),
          "no " + prefix + "*.jar on the test classpath to leave out: " + classpath);
    }
    return kept;
  }

  /** Runs the application; its output lines by their first word (or, for "absent X", whole). */
  private Map<String, String> run(List<String> classpath, Path export, Path checkpoint) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path out = tmp.resolve("application.out");
    Path err = tmp.resolve("application.err");
    Process p = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, classpath),
        EmbeddingApplication.class.getName(), export.toString(), checkpoint.toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    // a hung JVM fails the test rather than the build; the run takes seconds
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("the application did not end within 5 minutes");
    }
    String errors = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), errors);
    Map<String, String> lines = new HashMap<>();
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      int space = line.indexOf(' ');
      boolean presence = line.startsWith("absent ") || line.startsWith("present ");
      lines.put(presence ? line : line.substring(0, space), presence ? "" : line.substring(space + 1));
    }
    return lines;
  }

  private static float[] floats(String line) {
    assertTrue(line != null && !line.isEmpty(), "a line of values is missing");
    String[] parts = line.split(" ");
    float[] v = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      v[i] = Float.parseFloat(parts[i]);
    }
    return v;
  }
}
