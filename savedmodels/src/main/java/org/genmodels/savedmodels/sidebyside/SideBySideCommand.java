package org.genmodels.savedmodels.sidebyside;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.tf.Engine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code savedmodels side-by-side}: each model's Java {@code benchmark} and its PyTorch peer script
 * of {@code ../shared/bench/pytorch}, alternately (Java, PyTorch, Java, PyTorch … for {@code --rounds}),
 * each run a fresh process, then a Markdown table of the medians, their ratio, the measured SGEMM peak
 * and, for the dense models, the epoch's arithmetic limit at that peak. The CPU and the date head the
 * output, since a time from another machine or day is no comparison. Lives in {@code savedmodels}
 * because that module has every model on its class path (the child JVMs reuse it).
 */
@Command(name = "side-by-side", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Run each model's Java benchmark and its PyTorch peer script alternately, and print a dated"
        + " Markdown table: the medians, Java / PyTorch, the SGEMM peak and the dense models' arithmetic limit.",
        "The peer needs: " + PythonPeer.INSTALL,
        "When the peer's OpenBLAS falls back to kernels below what the CPU's flags allow (a CPU model it does"
            + " not know), the peer runs with " + OpenBlasCore.VARIABLE + " naming the kernels the flags allow;"
            + " an " + OpenBlasCore.VARIABLE + " of your own is left as it is."})
public final class SideBySideCommand implements Callable<Integer> {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

  @Option(names = "--models", split = ",", paramLabel = "NAME", description = "Models to compare, in this order.")
  List<String> models = new ArrayList<>(Pairing.MODELS);

  @Option(names = "--rounds", paramLabel = "N", description = "Rounds; each runs every model's Java, then its peer.")
  int rounds = 2;

  @Option(names = "--peer", paramLabel = "DIR", showDefaultValue = CommandLine.Help.Visibility.NEVER,
      description = "The peer scripts' folder (default: ../shared/bench/pytorch beside the checkout).")
  Path peer;

  @Option(names = "--python", paramLabel = "PATH", description = "The Python that has torch (Debian's).")
  Path python = Path.of("/usr/bin/python3");

  @Option(names = "--peer-library-path", paramLabel = "DIR",
      description = "Put first on the peer's LD_LIBRARY_PATH: OpenBLAS's OpenMP build (libopenblas0-openmp).")
  Path libraryPath = Path.of("/usr/lib/x86_64-linux-gnu/openblas-openmp");

  @Option(names = "--threads", paramLabel = "N", showDefaultValue = CommandLine.Help.Visibility.NEVER,
      description = "The peer's --threads and torch's SGEMM threads (default: the processors, as TensorFlow uses).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--precision", paramLabel = "fp32|bf16", description = "What the Java benchmarks multiply in (each"
      + " model's own --precision): fp32, or bf16 (needs a CPU with avx512_bf16 or amx_bf16). The peer and the SGEMM"
      + " peak, hence the dense models' limits, stay float32.")
  Precision precision = Precision.FP32;

  @Option(names = "--sgemm-size", paramLabel = "N", description = "Side of the square float32 matrices of the SGEMM peak.")
  int sgemmSize = 4096;

  @Option(names = "--sgemm-reps", paramLabel = "N", description = "Timed products of each SGEMM peak (the best counts).")
  int sgemmReps = 3;

  @Override
  public Integer call() {
    if (rounds < 1 || threads < 1 || sgemmSize < 1 || sgemmReps < 1) {
      throw new UserException("--rounds, --threads, --sgemm-size and --sgemm-reps must be at least 1, got " + rounds
          + ", " + threads + ", " + sgemmSize + ", " + sgemmReps);
    }
    CpuFeatures.require(precision);
    List<Pairing> pairs = models.stream().map(String::strip).map(m -> m.toLowerCase(Locale.ROOT))
        .map(Pairing::of).map(p -> p.in(precision)).toList();
    PythonPeer py = new PythonPeer(python, peer != null ? peer : defaultPeer(), libraryPath, threads);
    String torch = py.requireInstalled(pairs);

    System.out.printf(Locale.ROOT, "Side by side, %s, on %s (%d processors): Java (this checkout%s) and PyTorch %s"
            + " (%s, --threads %d), %d round%s of Java then PyTorch per model, medians over rounds%s.%n",
        ZonedDateTime.now(ZoneOffset.UTC).format(DATE), cpuModel(Path.of("/proc/cpuinfo")),
        Runtime.getRuntime().availableProcessors(),
        precision == Precision.FP32 ? "" : ", --precision " + precision.cliName() + "; the peer in float32", torch,
        python, threads, rounds, rounds == 1 ? "" : "s",
        rounds == 1 ? "" : " (Java / PyTorch: of the medians, and in brackets the range of each round's own ratio)");
    // the child JVMs inherit this process's environment, TF_ENABLE_ONEDNN_OPTS included
    System.out.println(Engine.describe().replaceFirst("^engine: ", "Java side: ") + ".");
    Sgemm tf = TensorFlowSgemm.measure(sgemmSize, sgemmReps);
    String chosen = py.openBlasCore();
    boolean ownCoreType = System.getenv(OpenBlasCore.VARIABLE) != null;
    Optional<String> forced = ownCoreType ? Optional.empty()
        : OpenBlasCore.override(chosen, CpuFeatures.current().flags());
    if (forced.isPresent()) {
      py = py.withCoreType(forced.get());
      System.out.printf(Locale.ROOT, "PyTorch's OpenBLAS chose its %s kernels, its fallback for a CPU model it does"
          + " not know, below what this CPU's flags allow: the peer runs with %s=%s.%n", chosen,
          OpenBlasCore.VARIABLE, forced.get());
    } else if (!chosen.isBlank()) {
      System.out.printf(Locale.ROOT, "PyTorch's OpenBLAS runs its %s kernels (%s).%n", chosen,
          ownCoreType ? OpenBlasCore.VARIABLE + " of this environment" : "its choice");
    }
    Sgemm pt = py.sgemm(sgemmSize, sgemmReps);
    Sgemm peak = tf.gflops() >= pt.gflops() ? tf : pt;
    System.out.printf(Locale.ROOT, "SGEMM peak (%d² float32, best of %d): %s %.0f GFLOP/s, %s %.0f GFLOP/s;"
        + " the limits use the higher.%n%n", sgemmSize, sgemmReps, tf.source(), tf.gflops(), pt.source(), pt.gflops());

    List<Tally> tallies = new ArrayList<>();
    pairs.forEach(p -> p.rows().forEach(pr -> tallies.add(new Tally(p, pr))));
    Set<String> warnings = new LinkedHashSet<>();
    for (int r = 1; r <= rounds; r++) {
      for (Pairing p : pairs) {
        JavaBenchmarkOutput j = JavaSide.run(p);
        PeerOutput t = py.run(p);
        warnings.addAll(j.warnings());
        if (!t.expectedBlas()) {
          warnings.add("warning: the PyTorch peer mapped BLAS [" + t.blas().orElse("none named") + "], not "
              + PeerOutput.EXPECTED_BLAS + ": its times are not the reference's (" + PythonPeer.INSTALL
              + ", and --peer-library-path its folder)");
        }
        for (Tally tally : tallies) {
          if (tally.pair == p) {
            tally.add(j, t);
            System.err.printf(Locale.ROOT, "round %d/%d %s, %s: Java %.3f, PyTorch %.3f%n", r, rounds, p.model(),
                tally.row.what(), tally.java.get(r - 1), tally.peer.get(r - 1));
          }
        }
      }
    }
    List<Comparison> table = tallies.stream().map(Tally::comparison).toList();
    System.out.print(SideBySideTable.format(table, peak.gflops()));
    warnings.forEach(System.out::println);
    return 0;
  }

  /** One row's times as the rounds bring them. */
  private static final class Tally {
    final Pairing pair;
    final Pairing.Row row;
    final List<Double> java = new ArrayList<>();
    final List<Double> peer = new ArrayList<>();
    OptionalDouble flops = OptionalDouble.empty();

    Tally(Pairing pair, Pairing.Row row) {
      this.pair = pair;
      this.row = row;
    }

    void add(JavaBenchmarkOutput j, PeerOutput t) {
      JavaBenchmarkOutput.Timing timing = j.timing(row.javaTiming());
      java.add(timing.median());
      peer.add(t.number(row.peerKey()));
      if (row.perEpoch() && pair.multiplyAdds().isPresent()) {
        long images = timing.images().orElseThrow(() -> new IllegalStateException(
            "the Java benchmark's " + row.javaTiming() + " line names no image count: (" + timing.detail() + ")"));
        flops = OptionalDouble.of(DenseFlops.epochFlops(pair.multiplyAdds().getAsLong(), images));
      }
    }

    Comparison comparison() {
      return new Comparison(pair.model(), row.what(), java, peer, flops);
    }
  }

  /**
   * The first {@code model name} of {@code cpuinfo} (Linux's /proc/cpuinfo), or a phrase saying it is unknown.
   */
  static String cpuModel(Path cpuinfo) {
    try {
      return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("an unknown CPU (no model name in "
              + cpuinfo + ")");
    } catch (IOException e) {
      return "an unknown CPU (" + cpuinfo + " unreadable)";
    }
  }

  /**
   * {@code ../shared/bench/pytorch} beside the checkout these classes were built in: the first folder
   * above them that holds the {@code genmodels} launcher and a pom.
   *
   * @throws UserException when there is none (a copied jar): then {@code --peer} must say
   */
  static Path defaultPeer() {
    Optional<Path> checkout = Optional.empty();
    CodeSource source = SideBySideCommand.class.getProtectionDomain().getCodeSource();
    if (source != null && "file".equals(source.getLocation().getProtocol())) {
      try {
        for (Path p = Path.of(source.getLocation().toURI()).toAbsolutePath(); p != null && checkout.isEmpty();
             p = p.getParent()) {
          if (Files.isRegularFile(p.resolve("genmodels")) && Files.isRegularFile(p.resolve("pom.xml"))) {
            checkout = Optional.of(p);
          }
        }
      } catch (URISyntaxException e) {
        checkout = Optional.empty();
      }
    }
    Path parent = checkout.map(Path::getParent).orElseThrow(() -> new UserException(
        "cannot find the checkout these classes came from, so not ../shared/bench/pytorch beside it either:"
            + " give --peer the folder of the PyTorch peer scripts"));
    return parent.resolve("shared").resolve("bench").resolve("pytorch");
  }
}
