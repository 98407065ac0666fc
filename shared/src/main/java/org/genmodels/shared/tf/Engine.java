package org.genmodels.shared.tf;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.genmodels.shared.nn.ConvChoice;
import org.genmodels.shared.nn.CpuFeatures;
import org.tensorflow.TensorFlow;

/**
 * What the models run on, as one line for the logs of training runs and benchmarks: TensorFlow's
 * version, whether its oneDNN kernels are on, which op float32 graphs convolve with
 * ({@link ConvChoice}), the CPU and its processors. A speed means little without them: one AE
 * epoch took 0.9 s on one machine of this project's and 2.8 s on another.
 *
 * <p>TensorFlow reads {@value #ONEDNN_VARIABLE} once per process: {@code 1} or {@code true} turns
 * its oneDNN kernels on, {@code 0} or {@code false} off (case aside). Unset (or another value), TF
 * 2.18 on Linux turns them on only for CPUs with one of {@link #ONEDNN_DEFAULT_FLAGS}, so plain
 * AVX2 and AVX-512F machines run Eigen's kernels, which train the CVAE 1.7× and a DDPM step 1.5×
 * slower on an AVX2 AMD EPYC (docs/speed-levers.md). The launcher and the pom therefore set the
 * variable to 1 unless the user has set it; a JVM started otherwise (an application embedding the
 * models) gets TensorFlow's default, which this line then shows. Stateless; thread-safe.
 */
public final class Engine {
  /** The environment variable TensorFlow reads to turn its oneDNN kernels on or off. */
  public static final String ONEDNN_VARIABLE = "TF_ENABLE_ONEDNN_OPTS";

  /** The {@code /proc/cpuinfo} flags any one of which makes TensorFlow turn oneDNN on when unset. */
  public static final List<String> ONEDNN_DEFAULT_FLAGS =
      List.of("avx512_vnni", "avx512_bf16", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16");

  private Engine() {
  }

  /** The line for this process, e.g. {@code engine: TensorFlow 2.18.0, oneDNN on (…); CPU …}. */
  public static String describe() {
    return describe(TensorFlow.version(), System.getenv(), CpuFeatures.current(),
        Runtime.getRuntime().availableProcessors());
  }

  /** The line for a process with {@code environment} on {@code cpu}. */
  public static String describe(String tensorflowVersion, Map<String, String> environment, CpuFeatures cpu,
      int processors) {
    ConvChoice convs = ConvChoice.of(environment.get(ConvChoice.VARIABLE), cpu, oneDnnOn(environment, cpu));
    return "engine: TensorFlow " + tensorflowVersion + ", " + oneDnn(environment, cpu) + ", " + convs.describe()
        + "; CPU " + cpu.model() + ", " + processors + (processors == 1 ? " processor" : " processors");
  }

  /** Whether TensorFlow's oneDNN kernels are on in this process (see the class comment). */
  public static boolean oneDnnOn() {
    return oneDnnOn(System.getenv(), CpuFeatures.current());
  }

  /** Whether TensorFlow's oneDNN kernels are on in a process with {@code environment} on {@code cpu}. */
  static boolean oneDnnOn(Map<String, String> environment, CpuFeatures cpu) {
    Boolean given = given(environment.get(ONEDNN_VARIABLE));
    return given != null ? given : ONEDNN_DEFAULT_FLAGS.stream().anyMatch(cpu.flags()::contains);
  }

  /** Whether TensorFlow's oneDNN kernels are on, and why, e.g. {@code oneDNN on (TF_ENABLE_ONEDNN_OPTS=1)}. */
  static String oneDnn(Map<String, String> environment, CpuFeatures cpu) {
    String value = environment.get(ONEDNN_VARIABLE);
    boolean on = oneDnnOn(environment, cpu);
    String state = "oneDNN " + (on ? "on" : "off") + " (";
    if (given(value) != null) {
      return state + ONEDNN_VARIABLE + "=" + value + ")";
    }
    String why = value == null ? ONEDNN_VARIABLE + " unset" : ONEDNN_VARIABLE + "=" + value + " not 0 or 1";
    return state + why + (on ? ": TensorFlow's default on this CPU)"
        : ": TensorFlow's default on a CPU without " + String.join(", ", ONEDNN_DEFAULT_FLAGS) + "; "
            + ONEDNN_VARIABLE + "=1 trains faster here, the CVAE 1.7x on an AVX2 CPU)");
  }

  /** The variable as TensorFlow reads it: on, off, or null when unset or neither 0/1 nor false/true. */
  private static Boolean given(String value) {
    String word = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    if (word.equals("1") || word.equals("true")) {
      return true;
    }
    return word.equals("0") || word.equals("false") ? false : null;
  }
}
