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
import java.util.regex.Pattern;
import org.genmodels.ae.Autoencoder;
import org.genmodels.shared.train.Checkpoints;
import org.genmodels.vae.Vae;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding API runs without the command-line libraries, which the poms make optional so that
 * an application depending on {@code savedmodels} does not get them: an {@link EmbeddingApplication}
 * in a JVM of its own, on this test's classpath less the jars of picocli, progressbar, jline and
 * xchart, loads an export and a checkpoint and computes what the trained models compute here. The
 * poms leave TensorFlow's native library to the application too: without it the same run ends in a
 * message naming the dependency to add.
 */
class EmbeddingClasspathTest {
  /** The file-name prefixes of the libraries' jars, as Maven names them. */
  private static final List<String> CLI_JARS = List.of("picocli-", "progressbar-", "jline-", "xchart-");
  /** The native library's jar: tensorflow-core-native with a classifier (the other jar has none). */
  private static final Pattern NATIVES_JAR = Pattern.compile("tensorflow-core-native-[^-]+-.+\\.jar");

  @TempDir
  Path tmp;

  @Test
  void runsWithoutTheCommandLineLibrariesAndNamesAMissingNativeLibrary() throws Exception {
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

    List<String> classpath = without(testClasspath(), CLI_JARS);
    Run run = run(classpath, export, checkpoint);
    assertEquals(0, run.code(), run.err());
    Map<String, String> lines = run.lines();
    for (String name : EmbeddingApplication.CLI_CLASSES) {
      assertTrue(lines.containsKey("absent " + name), name + " is on the application's classpath: " + lines.keySet());
    }
    assertArrayEquals(codes, floats(lines.get("codes")), 0f);
    assertArrayEquals(means, floats(lines.get("means")), 0f);
    assertArrayEquals(samples, floats(lines.get("samples")), 0f);

    String natives = classpath.stream().map(e -> Path.of(e).getFileName().toString())
        .filter(f -> NATIVES_JAR.matcher(f).matches()).findFirst().orElseThrow();
    Run noNatives = run(without(classpath, List.of(natives)), export, checkpoint);
    assertEquals(1, noNatives.code(), noNatives.err());
    assertTrue(Pattern.compile("TensorFlow's native library cannot be loaded \\(.*\\): the application needs the"
        + " dependency org\\.tensorflow:tensorflow-core-native:\\d+\\.\\d+\\.\\d+ with the classifier of its platform")
        .matcher(noNatives.err()).find(), noNatives.err());
  }

  private static List<String> testClasspath() {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return List.of(classpath.split(File.pathSeparator));
  }

  /** {@code classpath} less the jars whose names start with one of {@code prefixes}, each found. */
  private static List<String> without(List<String> classpath, List<String> prefixes) {
    List<String> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (String entry : classpath) {
      String file = Path.of(entry).getFileName().toString();
      boolean drop = file.endsWith(".jar") && prefixes.stream().anyMatch(file::startsWith);
      (drop ? dropped : kept).add(entry);
    }
    for (String prefix : prefixes) {
      assertTrue(dropped.stream().anyMatch(e -> Path.of(e).getFileName().toString().startsWith(prefix)),
          "no " + prefix + "*.jar on the classpath to leave out: " + classpath);
    }
    return kept;
  }

  /** The application's exit code, standard output and standard error. */
  private record Run(int code, String out, String err) {
    /** The output lines by their first word (or, for "absent X" and "present X", whole). */
    Map<String, String> lines() {
      Map<String, String> lines = new HashMap<>();
      for (String line : out.lines().toList()) {
        int space = line.indexOf(' ');
        boolean presence = line.startsWith("absent ") || line.startsWith("present ");
        lines.put(presence ? line : line.substring(0, space), presence ? "" : line.substring(space + 1));
      }
      return lines;
    }
  }

  private Run run(List<String> classpath, Path export, Path checkpoint) throws Exception {
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
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
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
