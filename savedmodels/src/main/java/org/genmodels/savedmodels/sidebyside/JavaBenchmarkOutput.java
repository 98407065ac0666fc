package org.genmodels.savedmodels.sidebyside;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The timings a {@code MODEL benchmark} run printed, read back from its output: one line per timed
 * thing, as {@link org.genmodels.shared.train.Timings#describe} writes it, e.g.
 * {@code train: 0.412 s/epoch mean, 0.405 median, 0.398 min over 3 epochs (60000 images, batch 512) [...]}
 * or {@code sample: 17.1 s/run mean, ...}; and the command's own {@code warning:} lines (e.g. the
 * dense models' bf16 warning), which the side by side passes on. Other lines (settings, TensorFlow's
 * log) are passed over. Immutable.
 *
 * @param timings the timed things by name
 * @param warnings the lines that start with {@code warning: }, in order
 */
public record JavaBenchmarkOutput(Map<String, Timing> timings, List<String> warnings) {
  private static final Pattern LINE = Pattern.compile(
      "^(\\w+): (\\d+\\.\\d+) s/(\\w+) mean, (\\d+\\.\\d+) median, (\\d+\\.\\d+) min over (\\d+) \\w+ \\(([^)]*)\\)");
  private static final Pattern IMAGES = Pattern.compile("^(\\d+) images\\b");

  /**
   * One timed thing.
   *
   * @param unit {@code epoch}, {@code step} or {@code run}
   * @param median the median seconds per unit
   * @param count the units timed
   * @param detail the parenthesis after the count, e.g. {@code 60000 images, batch 512}
   */
  public record Timing(String unit, double median, int count, String detail) {
    /** The images one unit covers, when the detail starts with them ({@code 60000 images, ...}). */
    public Optional<Long> images() {
      Matcher m = IMAGES.matcher(detail);
      return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
  }

  public JavaBenchmarkOutput {
    timings = Map.copyOf(timings);
    warnings = List.copyOf(warnings);
  }

  /** The timing lines of {@code text}, by name ({@code train}, {@code sample}, …), and its warning lines. */
  public static JavaBenchmarkOutput parse(String text) {
    Map<String, Timing> found = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (String line : text.split("\\R")) {
      Matcher m = LINE.matcher(line.strip());
      if (m.find()) {
        found.put(m.group(1), new Timing(m.group(3), Double.parseDouble(m.group(4)), Integer.parseInt(m.group(6)),
            m.group(7)));
      } else if (line.startsWith("warning: ")) {
        warnings.add(line.strip());
      }
    }
    return new JavaBenchmarkOutput(found, warnings);
  }

  /**
   * The timing called {@code name}.
   *
   * @throws IllegalStateException naming what the output held instead, when it has none so called
   */
  public Timing timing(String name) {
    Timing t = timings.get(name);
    if (t == null) {
      throw new IllegalStateException("the Java benchmark printed no '" + name + ": … s/… median' line (it printed "
          + (timings.isEmpty() ? "no timing at all" : "only " + timings.keySet()) + ")");
    }
    return t;
  }
}
