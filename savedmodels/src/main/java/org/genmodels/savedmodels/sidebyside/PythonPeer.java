package org.genmodels.savedmodels.sidebyside;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.genmodels.shared.cli.UserException;

/**
 * The PyTorch peer: Debian's {@code python3} with {@code torch}, run with OpenBLAS's OpenMP build
 * first on {@code LD_LIBRARY_PATH}, on the scripts of {@code ../shared/bench/pytorch}. Each run is a
 * new process. Not thread-safe (one run at a time is the point).
 *
 * @param python the interpreter that has {@code torch}
 * @param scripts the folder of the peer scripts ({@code ae.py}, …)
 * @param libraryPath the folder put first on {@code LD_LIBRARY_PATH} (OpenBLAS-OpenMP's)
 * @param threads {@code --threads} of every script (intra-op threads)
 * @param coreType OpenBLAS's kernels, set as {@code OPENBLAS_CORETYPE} in every run; empty leaves
 *                 the variable as this process has it ({@link OpenBlasCore})
 */
public record PythonPeer(Path python, Path scripts, Path libraryPath, int threads, Optional<String> coreType) {
  /** How ../shared/bench/README.md installs the peer. */
  public static final String INSTALL = "apt-get install -y python3-torch libopenblas0-openmp";

  /** Prints {@code SGEMM {json}}: the best seconds of an n × n float32 torch.mm and the BLAS mapped. */
  private static final String SGEMM = String.join("\n",
      "import json, sys, time, torch",
      "n, reps, threads = (int(a) for a in sys.argv[1:4])",
      "torch.set_num_threads(threads)",
      "a, b = torch.randn(n, n), torch.randn(n, n)",
      "torch.mm(a, b)",
      "best = float('inf')",
      "for _ in range(reps):",
      "    t = time.perf_counter(); torch.mm(a, b); best = min(best, time.perf_counter() - t)",
      "blas = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'blas' in l.split()[-1]})",
      "print('SGEMM ' + json.dumps({'seconds': best, 'torch': torch.__version__}) + ' blas=' + str(blas))");

  /** Prints {@code OPENBLAS_CORE name}: the kernels the OpenBLAS that torch mapped chose ("" if none). */
  private static final String CORE = String.join("\n",
      "import ctypes, torch",
      "core = ''",
      "for path in sorted({l.split()[-1] for l in open('/proc/self/maps') if 'openblas' in l.split()[-1]}):",
      "    try:",
      "        f = ctypes.CDLL(path).openblas_get_corename",
      "    except (OSError, AttributeError):",
      "        continue",
      "    f.restype = ctypes.c_char_p",
      "    core = f().decode()",
      "    break",
      "print('OPENBLAS_CORE ' + core)");

  public PythonPeer {
    Objects.requireNonNull(coreType, "coreType");
  }

  /** A peer with OpenBLAS's own choice of kernels (or this process's {@code OPENBLAS_CORETYPE}). */
  public PythonPeer(Path python, Path scripts, Path libraryPath, int threads) {
    this(python, scripts, libraryPath, threads, Optional.empty());
  }

  /** This peer with its OpenBLAS kernels named {@code name} ({@code OPENBLAS_CORETYPE}). */
  public PythonPeer withCoreType(String name) {
    return new PythonPeer(python, scripts, libraryPath, threads, Optional.of(name));
  }

  /**
   * The kernels the peer's OpenBLAS runs ({@code openblas_get_corename}, e.g. {@code Haswell},
   * {@code Prescott}), in this peer's environment; "" when torch mapped no OpenBLAS.
   */
  public String openBlasCore() {
    ProcessRun r = ProcessRun.run(List.of(python.toString(), "-c", CORE, "core"), env()).requireSuccess();
    return r.output().lines().filter(l -> l.startsWith("OPENBLAS_CORE")).reduce((a, b) -> b)
        .map(l -> l.substring("OPENBLAS_CORE".length()).strip())
        .orElseThrow(() -> new IllegalStateException("the OpenBLAS probe printed no OPENBLAS_CORE line:\n" + r.tail()));
  }

  /**
   * The version of {@code torch} the interpreter imports.
   *
   * @throws UserException in one line with the install command, when it has none (or is missing),
   *     or when the scripts folder lacks a script
   */
  public String requireInstalled(List<Pairing> pairs) {
    ProcessRun r;
    try {
      r = ProcessRun.run(List.of(python.toString(), "-c", "import torch; print(torch.__version__)"), env());
    } catch (UncheckedIOException e) {
      throw missing("cannot run " + python);
    }
    if (r.code() != 0) {
      String[] lines = r.output().strip().split("\\R");
      throw missing(python + " cannot import torch (" + lines[lines.length - 1].strip() + ")");
    }
    for (Pairing p : pairs) {
      if (!Files.isRegularFile(scripts.resolve(p.peerScript()))) {
        throw new UserException("the PyTorch peer folder " + scripts + " has no " + p.peerScript()
            + ": give --peer the folder of the peer scripts (../shared/bench/pytorch beside the checkout)");
      }
    }
    String[] lines = r.output().strip().split("\\R");
    return lines[lines.length - 1].strip();
  }

  private static UserException missing(String why) {
    return new UserException("no PyTorch peer: " + why + "; install it with: " + INSTALL
        + " (see ../shared/bench/README.md), or give --python an interpreter that has torch");
  }

  /** Runs {@code pair}'s script to its end and reads its output. */
  public PeerOutput run(Pairing pair) {
    List<String> command = new ArrayList<>(List.of(python.toString(), scripts.resolve(pair.peerScript()).toString()));
    command.addAll(pair.peerArgs());
    command.addAll(List.of("--threads", Integer.toString(threads)));
    return PeerOutput.parse(ProcessRun.run(command, env()).requireSuccess().output());
  }

  /** The best of {@code reps} {@code n × n} float32 products through torch.mm (after one untimed). */
  public Sgemm sgemm(int n, int reps) {
    ProcessRun r = ProcessRun.run(List.of(python.toString(), "-c", SGEMM, Integer.toString(n), Integer.toString(reps),
        Integer.toString(threads)), env()).requireSuccess();
    String line = r.output().lines().filter(l -> l.startsWith("SGEMM ")).reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalStateException("the SGEMM probe printed no SGEMM line:\n" + r.tail()));
    String json = line.substring("SGEMM ".length(), line.indexOf(" blas="));
    PeerOutput parsed = PeerOutput.parse("SUMMARY " + json + "\n" + line.substring(line.indexOf(" blas=")));
    return new Sgemm("PyTorch " + parsed.summary().get("torch") + " torch.mm (" + (parsed.expectedBlas()
        ? PeerOutput.EXPECTED_BLAS : "BLAS " + parsed.blas().orElse("unknown")) + ")", n, parsed.number("seconds"));
  }

  private Map<String, String> env() {
    String old = System.getenv("LD_LIBRARY_PATH");
    Map<String, String> env = new HashMap<>();
    env.put("LD_LIBRARY_PATH", libraryPath + (old == null || old.isEmpty() ? "" : File.pathSeparator + old));
    coreType.ifPresent(c -> env.put(OpenBlasCore.VARIABLE, c));
    return env;
  }
}
