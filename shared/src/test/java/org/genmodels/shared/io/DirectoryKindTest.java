package org.genmodels.shared.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.train.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which directories a kind replaces, and what a refusal says. */
class DirectoryKindTest {
  /** Shaped as an export: a file and a folder of checkpoint files. */
  private static final DirectoryKind EXPORT = DirectoryKind.of("export", "give another --output", "saved_model.pb",
      "variables/", "variables/variables.index", "variables/variables.data-*-of-*");

  @TempDir
  Path tmp;

  private Path export() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("export").resolve("variables"));
    Files.writeString(dir.resolve("variables.index"), "i");
    Files.writeString(dir.resolve("variables.data-00000-of-00001"), "d");
    Files.writeString(dir.getParent().resolve("saved_model.pb"), "pb");
    return dir.getParent();
  }

  private static String refusal(DirectoryKind kind, Path target) {
    return assertThrows(UserException.class, () -> kind.requireReplaceable(target)).getMessage();
  }

  @Test
  void aMissingOrEmptyDirectoryOrOneOfTheKindOrPartOfOneIsReplaceable() throws IOException {
    EXPORT.requireReplaceable(tmp.resolve("missing"));
    EXPORT.requireReplaceable(Files.createDirectories(tmp.resolve("empty")));
    Path export = export();
    EXPORT.requireReplaceable(export);
    Files.delete(export.resolve("saved_model.pb"));
    EXPORT.requireReplaceable(export);
  }

  @Test
  void anythingElseIsRefusedNamingTheFirstStranger() throws IOException {
    Path export = export();
    Files.writeString(export.resolve("fingerprint.pb"), "python's");
    assertEquals(export + " holds 3 entries (fingerprint.pb, saved_model.pb, variables/), not an export"
        + " (saved_model.pb, variables/), which has no fingerprint.pb: it is left as it is; give another --output",
        refusal(EXPORT, export));
    Files.delete(export.resolve("fingerprint.pb"));
    // a stranger inside an allowed folder, and a name that only begins like an allowed one
    Files.writeString(export.resolve("variables").resolve("variables.index.bak"), "");
    assertEquals(export + " holds 2 entries (saved_model.pb, variables/), not an export (saved_model.pb,"
        + " variables/), which has no variables/variables.index.bak: it is left as it is; give another --output",
        refusal(EXPORT, export));
    // a file where a folder belongs
    Path flat = Files.createDirectories(tmp.resolve("flat"));
    Files.writeString(flat.resolve("variables"), "");
    assertEquals(flat + " holds 1 entry (variables), not an export (saved_model.pb, variables/), which has no"
        + " variables: it is left as it is; give another --output", refusal(EXPORT, flat));
  }

  @Test
  void aLongListIsCutAfterFiveNames() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("home"));
    for (String name : new String[] {"g", "b", "f", "a", "e", "c", "d"}) {
      Files.writeString(dir.resolve(name), name);
    }
    assertEquals(dir + " holds 7 entries (a, b, c, d, e, …), not an export (saved_model.pb, variables/), which has"
        + " no a: it is left as it is; give another --output", refusal(EXPORT, dir));
  }

  @Test
  void aFileOrALinkIsRefusedAndAnythingReplacesAll() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertEquals(file + " is a file, not an export (saved_model.pb, variables/): it is left as it is; give another"
        + " --output", refusal(EXPORT, file));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), export());
    assertEquals(link + " is a symbolic link, not an export (saved_model.pb, variables/): it is left as it is; give"
        + " another --output", refusal(EXPORT.withRemedy("give another --output"), link));
    DirectoryKind.anything("export").requireReplaceable(file);
    DirectoryKind.anything("export").requireReplaceable(tmp);
  }

  @Test
  void aCheckpointIsTheTensorFlowFilesAndTheRunKeyAndGrowsByName() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("checkpoint"));
    for (String name : new String[] {"variables.index", "variables.data-00000-of-00002",
        "variables.data-00001-of-00002", "run.properties"}) {
      Files.writeString(dir.resolve(name), name);
    }
    Checkpoints.DIRECTORY.requireReplaceable(dir);
    Files.writeString(dir.resolve("settings.properties"), "");
    assertEquals(dir + " holds 5 entries (run.properties, settings.properties, variables.data-00000-of-00002,"
        + " variables.data-00001-of-00002, variables.index), not a checkpoint (variables.index, variables.data-*-of-*,"
        + " run.properties), which has no settings.properties: it is left as it is; give another --output, or move"
        + " that folder away", refusal(Checkpoints.DIRECTORY, dir));
    Checkpoints.DIRECTORY.withEntries("settings.properties").requireReplaceable(dir);
  }

  @Test
  void patternsAreRelativeNames() {
    for (String bad : new String[] {"", "/etc", "a//b", "**"}) {
      assertThrows(IllegalArgumentException.class, () -> DirectoryKind.of("x", "y", bad), bad);
    }
  }
}
