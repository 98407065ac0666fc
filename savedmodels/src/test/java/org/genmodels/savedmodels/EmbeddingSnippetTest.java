package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.genmodels.vae.Vae;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding snippet of the README, compiled with javac and run against a real export: what
 * the README shows is what works. Only the export's path is pointed at a temporary directory.
 */
class EmbeddingSnippetTest {
  private static final String MARKER = "<!-- embedding-snippet";
  private static final String PATH = "Path.of(\"exports/vae\")";

  @TempDir
  Path tmp;

  @Test
  void theReadmeSnippetCompilesAndRuns() throws Exception {
    String snippet = snippet();
    assertTrue(snippet.contains(PATH), snippet);
    assertTrue(snippet.lines().count() <= 12, "a dozen lines: " + snippet);
    Path export = tmp.resolve("exports").resolve("vae");
    try (Vae vae = Trained.vae()) {
      ModelExport.export(vae, export);
    }
    String source = "import java.nio.file.Path;\nimport org.genmodels.savedmodels.*;\n"
        + "public class Snippet {\n  public static void run() {\n"
        + snippet.replace(PATH, "Path.of(\"" + export.toString().replace("\\", "\\\\") + "\")")
        + "\n  }\n}\n";
    Path src = Files.writeString(tmp.resolve("Snippet.java"), source);
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "the tests need a JDK");
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, diagnostics, diagnostics, "-classpath", classpath(), "-d", classes.toString(),
        src.toString());
    assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8) + "\n" + source);

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      loader.loadClass("Snippet").getMethod("run").invoke(null);
    } finally {
      System.setOut(out);
    }
    try (EmbeddedVae vae = EmbeddedVae.load(export)) {
      float[][] decoded = vae.decode(vae.encode(vae.sample(16, 42L)).mean());
      assertEquals(String.format(Locale.ROOT, "latent 4, pixel 0: %.6f%n", decoded[0][0]),
          printed.toString(StandardCharsets.UTF_8));
    }
  }

  /** The java block after the README's marker. */
  private static String snippet() throws Exception {
    Path readme = Path.of("..", "README.md");
    List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    int start = 0;
    while (!lines.get(start).startsWith(MARKER)) {
      start++;
    }
    assertEquals("```java", lines.get(start + 1));
    int end = start + 2;
    while (!lines.get(end).equals("```")) {
      end++;
    }
    return String.join("\n", lines.subList(start + 2, end));
  }

  /** The test classpath: surefire's (its java.class.path is a manifest-only jar), else the JVM's. */
  private static String classpath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
