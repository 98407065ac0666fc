package org.genmodels.savedmodels.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.genmodels.savedmodels.SavedModelsMain;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer through a fake interpreter, a shell script that answers as python3 with or without
 * torch would: the install check, a script's run (its arguments and LD_LIBRARY_PATH), the SGEMM
 * probe, and the command's one-line error when torch is missing. Runs nothing real.
 */
class PythonPeerTest {
  @TempDir
  Path tmp;

  /** A fake python3: "-c CODE" without more arguments is the import check, with them the SGEMM probe. */
  private Path fakePython(boolean hasTorch) throws IOException {
    Path py = tmp.resolve(hasTorch ? "python-with-torch" : "python-without-torch");
    Files.writeString(py, String.join("\n",
        "#!/bin/sh",
        "if [ \"$1\" = -c ] && [ $# -eq 2 ]; then",
        hasTorch ? "  echo 1.13.0a0; exit 0"
            : "  echo 'Traceback (most recent call last):' >&2; echo \"ModuleNotFoundError: No module named 'torch'\" >&2;"
                + " exit 1",
        "fi",
        "if [ \"$1\" = -c ] && [ \"$3\" = core ]; then",
        "  echo \"OPENBLAS_CORE ${OPENBLAS_CORETYPE:-Prescott}\"; exit 0",
        "fi",
        "if [ \"$1\" = -c ]; then",
        "  echo \"SGEMM {\\\"seconds\\\": 0.5, \\\"torch\\\": \\\"1.13.0a0\\\"} blas=['$LD_LIBRARY_PATH/libblas.so.3']\"",
        "  exit 0",
        "fi",
        "echo \"$@\" > \"$(dirname \"$0\")/args.txt\"",
        "echo \"${OPENBLAS_CORETYPE:-unset}\" > \"$(dirname \"$0\")/coretype.txt\"",
        "echo \"ae: params=1 blas=['$LD_LIBRARY_PATH/libblas.so.3']\"",
        "echo 'SUMMARY {\"model\": \"ae\", \"median_epoch_train_time_s\": 0.97}'",
        ""));
    Files.setPosixFilePermissions(py, PosixFilePermissions.fromString("rwxr-xr-x"));
    return py;
  }

  private Path peerScripts() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("pytorch"));
    for (String m : Pairing.MODELS) {
      Files.writeString(dir.resolve(Pairing.of(m).peerScript()), "# fake\n");
    }
    return dir;
  }

  @Test
  void runsAScriptWithItsArgumentsThreadsAndLibraryPath() throws IOException {
    Path scripts = peerScripts();
    PythonPeer peer = new PythonPeer(fakePython(true), scripts, tmp.resolve("openblas-openmp"), 3);
    assertEquals("1.13.0a0", peer.requireInstalled(List.of(Pairing.of("ae"))));
    PeerOutput out = peer.run(Pairing.of("ae"));
    assertEquals(0.97, out.number("median_epoch_train_time_s"), 0.0);
    assertTrue(out.expectedBlas(), out.blas().toString());
    assertEquals(scripts.resolve("ae.py") + " --epochs 3 --threads 3", Files.readString(tmp.resolve("args.txt")).strip());
  }

  @Test
  void theKernelsNamedAreSetForTheProbeAndEveryScript() throws IOException {
    PythonPeer peer = new PythonPeer(fakePython(true), peerScripts(), tmp.resolve("openblas-openmp"), 2);
    assertEquals(System.getenv().getOrDefault(OpenBlasCore.VARIABLE, "Prescott"), peer.openBlasCore());
    PythonPeer named = peer.withCoreType("SkylakeX");
    assertEquals("SkylakeX", named.openBlasCore());
    named.run(Pairing.of("ae"));
    assertEquals("SkylakeX", Files.readString(tmp.resolve("coretype.txt")).strip());
    peer.run(Pairing.of("ae"));
    assertEquals(System.getenv().getOrDefault(OpenBlasCore.VARIABLE, "unset"),
        Files.readString(tmp.resolve("coretype.txt")).strip());
  }

  @Test
  void anotherLibraryPathIsSeenAsAnotherBlas() throws IOException {
    PythonPeer peer = new PythonPeer(fakePython(true), peerScripts(), tmp.resolve("blas"), 2);
    assertTrue(!peer.run(Pairing.of("ae")).expectedBlas());
  }

  @Test
  void sgemmRateIsTwiceTheCubeOverTheBestTime() throws IOException {
    PythonPeer peer = new PythonPeer(fakePython(true), peerScripts(), tmp.resolve("openblas-openmp"), 2);
    Sgemm s = peer.sgemm(1000, 3);
    assertEquals(4.0, s.gflops(), 1e-12); // 2 · 1000³ / 0.5 s
    assertEquals("PyTorch 1.13.0a0 torch.mm (openblas-openmp)", s.source());
  }

  @Test
  void withoutTorchTheErrorGivesTheInstallCommand() throws IOException {
    PythonPeer peer = new PythonPeer(fakePython(false), peerScripts(), tmp, 2);
    UserException e = assertThrows(UserException.class, () -> peer.requireInstalled(List.of(Pairing.of("ae"))));
    assertTrue(e.getMessage().startsWith("no PyTorch peer: " + tmp.resolve("python-without-torch")
        + " cannot import torch (ModuleNotFoundError: No module named 'torch')"), e.getMessage());
    assertTrue(e.getMessage().contains("install it with: apt-get install -y python3-torch libopenblas0-openmp"),
        e.getMessage());
    PythonPeer none = new PythonPeer(tmp.resolve("no-such-python"), peerScripts(), tmp, 2);
    assertTrue(assertThrows(UserException.class, () -> none.requireInstalled(List.of(Pairing.of("ae"))))
        .getMessage().startsWith("no PyTorch peer: cannot run " + tmp.resolve("no-such-python")));
  }

  @Test
  void aFolderWithoutTheScriptIsNamed() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    PythonPeer peer = new PythonPeer(fakePython(true), empty, tmp, 2);
    UserException e = assertThrows(UserException.class, () -> peer.requireInstalled(List.of(Pairing.of("cvae"))));
    assertTrue(e.getMessage().contains(empty + " has no cvae.py: give --peer"), e.getMessage());
  }

  @Test
  void theCommandStopsWithOneErrorLineAndCode2WhenTorchIsMissing() throws IOException {
    CliRun.Output out = CliRun.run(new SavedModelsMain(), "side-by-side", "--python",
        fakePython(false).toString(), "--peer", peerScripts().toString());
    assertEquals(2, out.code(), out.err());
    assertEquals("", out.out());
    List<String> lines = out.err().strip().lines().toList();
    assertEquals(1, lines.size(), out.err());
    assertTrue(lines.get(0).startsWith("error: no PyTorch peer:") && lines.get(0).contains(PythonPeer.INSTALL),
        lines.get(0));
  }

  @Test
  void theCommandRefusesAModelWithoutAPeer() {
    CliRun.Output out = CliRun.run(new SavedModelsMain(), "side-by-side", "--models", "ae,gan");
    assertEquals(2, out.code(), out.err());
    assertTrue(out.err().contains("error: no PyTorch peer for the model 'gan': --models takes ae, vae, cvae,"
        + " diffusion"), out.err());
  }
}
