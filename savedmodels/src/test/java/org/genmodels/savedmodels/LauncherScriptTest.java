package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code genmodels} launcher's own logic, on a copy of the script in a scratch checkout
 * ({@code repo/} with two poms and one source file, {@code shared/datasets/} beside it) with a fake
 * {@code mvn} on the PATH, which logs its calls and writes the classpath file as the real build
 * does, and a fake {@code java} (through {@code JAVA_HOME}) that logs its working directory,
 * environment and arguments: when it builds, what it runs, and what it prints. File times are set
 * explicitly, so nothing depends on the clock's resolution. {@link LauncherTest} runs the real script
 * with the real java.
 */
class LauncherScriptTest {
  private static final String FAKE_MVN = """
      #!/bin/sh
      echo "$PWD $*" >> "$SCRATCH/mvn.calls"
      if [ -n "$FAKE_MVN_FAIL" ]; then
        echo "[ERROR] A.java:[1,1] class, interface, enum, or record expected"; exit 1
      fi
      if [ -n "$FAKE_MVN_EDIT" ]; then  # a source saved while the build runs, past any clock resolution
        sleep 1; touch ae/src/main/java/A.java
      fi
      mkdir -p savedmodels/target/classes ae/target && : > ae/target/ae-1.jar
      printf '%s' "$PWD/ae/target/ae-1.jar:$SCRATCH/deps/d.jar" > savedmodels/target/classpath.txt
      """;
  private static final String FAKE_JAVA = """
      #!/bin/sh
      { echo "cwd=$PWD"; echo "GENMODELS_DATA=${GENMODELS_DATA-(unset)}"
        echo "TF_CPP_MIN_LOG_LEVEL=$TF_CPP_MIN_LOG_LEVEL"
        echo "TF_ENABLE_ONEDNN_OPTS=${TF_ENABLE_ONEDNN_OPTS-(unset)}"; printf '%s\\n' "$@"; } > "$SCRATCH/java.log"
      exit "${FAKE_JAVA_EXIT:-0}"
      """;
  private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

  @TempDir
  Path tmp;
  Path repo;
  Path work;
  Path stamp;
  Map<String, String> env = new HashMap<>();

  @BeforeEach
  void scratchCheckout() throws IOException {
    repo = Files.createDirectories(tmp.resolve("repo"));
    work = Files.createDirectories(tmp.resolve("caller's dir"));
    Files.copy(LauncherRun.checkoutScript(), repo.resolve("genmodels"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.writeString(repo.resolve("pom.xml"), "<project/>");
    Files.writeString(Files.createDirectories(repo.resolve("savedmodels")).resolve("pom.xml"), "<project/>");
    Files.writeString(Files.createDirectories(repo.resolve("ae/src/main/java")).resolve("A.java"), "class A {}");
    Files.createDirectories(tmp.resolve("shared/datasets"));
    Files.writeString(Files.createDirectories(tmp.resolve("deps")).resolve("d.jar"), "");
    executable(tmp.resolve("bin/mvn"), FAKE_MVN);
    executable(tmp.resolve("jdk/bin/java"), FAKE_JAVA);
    stamp = repo.resolve("savedmodels/target/classpath.txt");
    env.put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
    env.put("JAVA_HOME", tmp.resolve("jdk").toString());
    env.put("SCRATCH", tmp.toString());
  }

  @Test
  void helpListsTheFiveModelsAndBuildsNothing() throws Exception {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[0])) {
      LauncherRun.Output help = run(args);
      assertEquals(0, help.code(), help.err());
      assertEquals("", help.err());
      List<String> models = help.out().lines().filter(l -> l.matches("  [a-z]+ {2,}\\S.*"))
          .map(l -> l.trim().split(" ")[0]).toList();
      assertEquals(List.of("ae", "vae", "cvae", "diffusion", "savedmodels"), models, help.out());
    }
    assertFalse(Files.exists(tmp.resolve("mvn.calls")), "--help started a build");
  }

  @Test
  void anUnknownModelOrAnOptionBeforeTheModelIsOneErrorLineAndExitTwo() throws Exception {
    LauncherRun.Output unknown = run("x", "--epochs", "1");
    assertEquals(2, unknown.code());
    assertEquals("", unknown.out());
    assertEquals("error: unknown model 'x': use ae, vae, cvae, diffusion or savedmodels\n", unknown.err());

    LauncherRun.Output option = run("--epochs", "1");
    assertEquals(2, option.code());
    assertEquals(List.of("error: unknown option '--epochs': put a model's options after the model"
        + " (genmodels MODEL --epochs), or see genmodels --help"), option.errLines());
    assertFalse(Files.exists(tmp.resolve("mvn.calls")), "a usage error started a build");
  }

  @Test
  void buildsOnceInTheCheckoutThenRunsJavaAsTheExecPluginDoes() throws Exception {
    LauncherRun.Output first = run("ae", "--output", "a b", "~/x", "");
    assertEquals(0, first.code(), first.err());
    assertEquals(List.of(repo.toRealPath() + " -q -B package -DskipTests"), mvnCalls());
    assertEquals(List.of("genmodels: building the jars (sources changed or not built yet); Maven's log: "
        + repo.toRealPath().resolve("target/build.log")), first.errLines());
    assertEquals("", first.out());
    Path real = repo.toRealPath();
    String classpath = real.resolve("savedmodels/target/classes") + ":" + real.resolve("ae/target/ae-1.jar")
        + ":" + tmp.resolve("deps/d.jar");
    assertEquals(List.of("cwd=" + work.toRealPath(), "GENMODELS_DATA=" + tmp.resolve("shared/datasets").toRealPath(),
        "TF_CPP_MIN_LOG_LEVEL=2", "TF_ENABLE_ONEDNN_OPTS=1", "-Djava.awt.headless=true", "-XX:+UseParallelGC", "-classpath", classpath,
        "org.genmodels.shared.model.ModelMain", "ae", "--output", "a b", "~/x", ""), javaLog());

    LauncherRun.Output second = run("ae");
    assertEquals(0, second.code(), second.err());
    assertEquals("", second.err());
    assertEquals(1, mvnCalls().size(), "built again with nothing changed");
  }

  @Test
  void rebuildsWhenASourceAPomOrAFolderIsNewerOrAnEntryIsGoneAndOnlyThen() throws Exception {
    assertEquals(0, run("ae").code());
    int builds = 1;
    ageEverything();
    assertEquals(0, run("ae").code());
    assertEquals(builds, mvnCalls().size(), "built although every source is older than the build");

    for (String changed : List.of("ae/src/main/java/A.java", "ae/src/main/java", "pom.xml", "savedmodels/pom.xml")) {
      ageEverything();
      Files.setLastModifiedTime(repo.resolve(changed), FileTime.from(BASE.plusSeconds(120)));
      assertEquals(0, run("ae").code());
      assertEquals(++builds, mvnCalls().size(), "not rebuilt after " + changed + " changed");
    }

    ageEverything();
    Files.delete(repo.resolve("ae/target/ae-1.jar"));
    assertEquals(0, run("ae").code());
    assertEquals(++builds, mvnCalls().size(), "not rebuilt with a module's jar gone");

    ageEverything();
    Files.delete(tmp.resolve("deps/d.jar"));
    assertEquals(0, run("ae").code());
    assertEquals(++builds, mvnCalls().size(), "not rebuilt with a dependency's jar gone");
    Files.writeString(tmp.resolve("deps/d.jar"), "");

    ageEverything();
    Path test = Files.createDirectories(repo.resolve("ae/src/test")).resolve("ATest.java");
    Files.writeString(test, "class ATest {}");
    Files.setLastModifiedTime(test, FileTime.from(BASE.plusSeconds(120)));
    Files.writeString(repo.resolve("README.md"), "changed");
    assertEquals(0, run("ae").code());
    assertEquals(builds, mvnCalls().size(), "rebuilt for a change outside */src/main and the poms");
  }

  @Test
  void aSourceSavedWhileTheBuildRunsIsBuiltNextTime() throws Exception {
    env.put("FAKE_MVN_EDIT", "1");
    assertEquals(0, run("ae").code());
    env.remove("FAKE_MVN_EDIT");
    assertEquals(0, run("ae").code());
    assertEquals(2, mvnCalls().size(), "the source saved during the first build was not built");
    assertEquals(0, run("ae").code());
    assertEquals(2, mvnCalls().size(), "built again with nothing changed");
  }

  @Test
  void aFailedBuildShowsMavensOutputThenOneErrorLineAndRunsNothing() throws Exception {
    env.put("FAKE_MVN_FAIL", "1");
    LauncherRun.Output failed = run("ae");
    assertEquals(1, failed.code());
    assertEquals("", failed.out());
    Path log = repo.toRealPath().resolve("target/build.log");
    List<String> err = failed.errLines();
    assertEquals(3, err.size(), failed.err());
    assertEquals("[ERROR] A.java:[1,1] class, interface, enum, or record expected", err.get(1));
    assertEquals("error: the build failed (mvn -q -B package -DskipTests in " + repo.toRealPath()
        + "): Maven's output is above and in " + log, err.get(2));
    assertTrue(Files.readString(log).contains("[ERROR] A.java"));
    assertFalse(Files.exists(tmp.resolve("java.log")), "java ran after a failed build");
    assertFalse(Files.exists(stamp), "a failed build left a classpath");
  }

  @Test
  void passesJavasExitCodeAndTheUsersDataFolderAndOneDnnAndMapsVersion() throws Exception {
    env.put("FAKE_JAVA_EXIT", "1");
    assertEquals(1, run("savedmodels", "parity", "dir").code());
    env.put("FAKE_JAVA_EXIT", "2");
    assertEquals(2, run("vae", "--epochs", "0").code());
    env.remove("FAKE_JAVA_EXIT");

    env.put("GENMODELS_DATA", "/my/data");
    for (String flag : List.of("--version", "-V")) {
      assertEquals(0, run(flag).code());
      List<String> java = javaLog();
      assertTrue(java.contains("GENMODELS_DATA=/my/data"), java.toString());
      assertEquals(List.of("org.genmodels.savedmodels.SavedModelsMain", "--version"),
          java.subList(java.size() - 2, java.size()));
    }

    env.remove("GENMODELS_DATA");
    // oneDNN on unless the user says otherwise
    env.put("TF_ENABLE_ONEDNN_OPTS", "0");
    assertEquals(0, run("ae").code());
    assertTrue(javaLog().contains("TF_ENABLE_ONEDNN_OPTS=0"), javaLog().toString());
    env.remove("TF_ENABLE_ONEDNN_OPTS");

    Files.delete(tmp.resolve("shared/datasets"));
    assertEquals(0, run("cvae").code());
    assertTrue(javaLog().contains("GENMODELS_DATA=(unset)"), javaLog().toString());
    assertEquals(List.of("org.genmodels.shared.model.ModelMain", "cvae"), tail(javaLog(), 2));
  }

  @Test
  void findsItsCheckoutThroughARelativeSymbolicLink() throws Exception {
    Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("home/bin")).resolve("genmodels"),
        Path.of("../../repo/genmodels"));
    LauncherRun.Output out = LauncherRun.run(link, work, tmp, env, "diffusion", "sample");
    assertEquals(0, out.code(), out.err());
    assertEquals(List.of(repo.toRealPath() + " -q -B package -DskipTests"), mvnCalls());
    assertEquals(List.of("org.genmodels.shared.model.ModelMain", "diffusion", "sample"), tail(javaLog(), 3));
  }

  private LauncherRun.Output run(String... args) throws IOException, InterruptedException {
    return LauncherRun.run(repo.resolve("genmodels"), work, tmp, env, args);
  }

  /** The last {@code n} of {@code lines}: java's last arguments in its log. */
  private static List<String> tail(List<String> lines, int n) {
    return lines.subList(lines.size() - n, lines.size());
  }

  private List<String> mvnCalls() throws IOException {
    Path calls = tmp.resolve("mvn.calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  private List<String> javaLog() throws IOException {
    return Files.readAllLines(tmp.resolve("java.log"));
  }

  /** Every file and folder the launcher watches an hour older than the build's stamp. */
  private void ageEverything() throws IOException {
    FileTime old = FileTime.from(BASE);
    for (String path : List.of("pom.xml", "savedmodels/pom.xml", "ae/src/main", "ae/src/main/java",
        "ae/src/main/java/A.java")) {
      Files.setLastModifiedTime(repo.resolve(path), old);
    }
    Files.setLastModifiedTime(stamp, FileTime.from(BASE.plusSeconds(60)));
  }

  private static void executable(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
