package org.genmodels.savedmodels.sidebyside;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.genmodels.shared.weights.Json;

/**
 * What a PyTorch peer script of {@code ../shared/bench/pytorch} printed, read back: its
 * {@code SUMMARY {json}} line (the last one, a flat JSON object: {@code median_epoch_train_time_s},
 * {@code sec_per_step_median}, {@code sampling_time_s}, …) and the BLAS libraries its first line
 * lists ({@code blas=['/usr/lib/…/openblas-openmp/libblas.so.3', …]}). Immutable.
 *
 * @param summary the SUMMARY object, numbers as {@link Double}
 * @param blas the text inside {@code blas=[…]}, empty when no line has one
 */
public record PeerOutput(Map<String, Object> summary, Optional<String> blas) {
  /** The BLAS the peer must map for its times to be the reference's (see ../shared/bench/README.md). */
  public static final String EXPECTED_BLAS = "openblas-openmp";

  private static final String PREFIX = "SUMMARY ";
  private static final Pattern BLAS = Pattern.compile("\\bblas=\\[([^\\]]*)\\]");

  public PeerOutput {
    summary = Map.copyOf(summary);
  }

  /**
   * Reads {@code text}, a peer script's whole output.
   *
   * @throws IllegalStateException when it has no SUMMARY line or that line is not a JSON object
   */
  @SuppressWarnings("unchecked")
  public static PeerOutput parse(String text) {
    String summaryLine = null;
    String blas = null;
    for (String line : text.split("\\R")) {
      if (line.startsWith(PREFIX)) {
        summaryLine = line.substring(PREFIX.length());
      }
      Matcher m = BLAS.matcher(line);
      if (blas == null && m.find()) {
        blas = m.group(1);
      }
    }
    if (summaryLine == null) {
      throw new IllegalStateException("the PyTorch peer printed no 'SUMMARY {json}' line");
    }
    Object parsed;
    try {
      parsed = Json.parse(summaryLine);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the PyTorch peer's SUMMARY line is not JSON (" + e.getMessage() + ")", e);
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new IllegalStateException("the PyTorch peer's SUMMARY line is not a JSON object: " + summaryLine);
    }
    Map<String, Object> copy = new HashMap<>();
    ((Map<String, Object>) map).forEach((k, v) -> {
      if (v != null) {
        copy.put(k, v);
      }
    });
    return new PeerOutput(copy, Optional.ofNullable(blas));
  }

  /**
   * The number {@code key} of the SUMMARY.
   *
   * @throws IllegalStateException when the SUMMARY has no number so called
   */
  public double number(String key) {
    if (!(summary.get(key) instanceof Double d)) {
      throw new IllegalStateException("the PyTorch peer's SUMMARY has no number '" + key + "' (it has "
          + new TreeSet<>(summary.keySet()) + ")");
    }
    return d;
  }

  /** Whether the peer mapped {@link #EXPECTED_BLAS}; false when it named no BLAS. */
  public boolean expectedBlas() {
    return blas.map(b -> b.contains(EXPECTED_BLAS)).orElse(false);
  }
}
