package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.genmodels.shared.cli.Version;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ModelPlugins;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout's {@code genmodels} launcher with the real java, from a working directory outside the
 * checkout. During {@code mvn verify} this module's jar is not packaged yet, so the launcher gets
 * this test's own classpath through {@code GENMODELS_CLASSPATH} and builds nothing; its build logic
 * is tested by {@link LauncherScriptTest}.
 */
class LauncherTest {
  @TempDir
  Path tmp;

  @Test
  void versionIsTheProjects() throws Exception {
    LauncherRun.Output out = run("--version");
    assertEquals(0, out.code(), out.err());
    assertTrue(out.out().startsWith("genmodels " + Version.project() + " (TensorFlow Java "), out.out());
    assertEquals(1, out.out().lines().count(), out.out());
  }

  @Test
  void aBadOptionValueIsOneErrorLineAndExitTwo() throws Exception {
    LauncherRun.Output out = run("ae", "--epochs", "0");
    assertEquals(2, out.code(), out.err());
    assertEquals("", out.out());
    assertEquals(List.of("error: epochs must be at least 1, got 0"), out.errLines());
  }

  @Test
  void aBadNameIsOneErrorLineListingTheValidOnes() throws Exception {
    LauncherRun.Output out = run("vae", "--reduction", "median");
    assertEquals(2, out.code(), out.err());
    assertEquals(List.of("error: unknown value 'median' for --reduction: use sum or mean"), out.errLines());
  }

  /** The launcher lists the models without starting Java; its list must be the plug-ins'. */
  @Test
  void helpListsEveryPluginWithItsSummary() throws Exception {
    LauncherRun.Output out = run("--help");
    assertEquals(0, out.code(), out.err());
    for (ModelPlugin p : ModelPlugins.all()) {
      assertTrue(out.out().lines().anyMatch(l -> l.matches("  " + p.name() + " +" + Pattern.quote(p.summary()))),
          p.name() + " missing or described otherwise:\n" + out.out());
    }
  }

  @Test
  void trainsAnEpochIntoTheCallersDirectory() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("work"));
    LauncherRun.Output out = run(work, "ae", "--dataset", "mnist", "--epochs", "1", "--no-progress",
        "--data-dir", TestData.mnistDir().toAbsolutePath().toString(), "--output", "out dir");
    assertEquals(0, out.code(), out.err());
    assertTrue(out.out().contains("Done: 1 epochs of MNIST"), out.out());
    Path output = work.resolve("out dir");
    assertTrue(Files.isRegularFile(output.resolve("rec_epoch_1.png")), out.out());
    List<String> history = Files.readAllLines(output.resolve("history.csv"));
    assertEquals(2, history.size(), history.toString());
    assertTrue(history.get(1).startsWith("1,"), history.toString());
  }

  private LauncherRun.Output run(String... args) throws Exception {
    return run(tmp, args);
  }

  private LauncherRun.Output run(Path workDir, String... args) throws Exception {
    return LauncherRun.run(LauncherRun.checkoutScript(), workDir, tmp,
        Map.of("GENMODELS_CLASSPATH", System.getProperty("java.class.path")), args);
  }
}
