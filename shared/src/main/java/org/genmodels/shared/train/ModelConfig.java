package org.genmodels.shared.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.nn.Precision;

/**
 * What a model's run depends on beyond its variables' shapes — sizes, likelihood, loss weights,
 * the optimizer's constants, a DDPM's schedule, and the data set, batch size and seed that decide
 * every step's batch and noise — kept beside every checkpoint in
 * {@value RunKey#FILE} as {@code model=<name>} and {@code model.<key>=<value>}, so that
 * {@code sample}, {@code export}, {@code --resume} and the embedding API rebuild the graph the
 * run trained without being told its options again. Values are in their command-line spelling
 * ({@code bce}, {@code 32,64,128}, {@code 0.001}), so that a message about a contradicting option
 * reads like the option. Immutable.
 *
 * @param model  the model's command name: {@code ae}, {@code vae}, {@code cvae}, {@code diffusion}
 * @param values key → value, in the order they were put
 * @param source where the values were read from, for messages; null when built in memory
 */
public record ModelConfig(String model, Map<String, String> values, Path source) {
  private static final String MODEL = "model";
  private static final String PREFIX = "model.";
  private static final String PRECISION = "precision";

  /**
   * Keys a config leaves out when they hold their default, with that default: {@code precision}
   * is written only when it is not {@code fp32}, so that fp32 runs keep the files they always had
   * and a config without it (every run before it existed) means fp32.
   */
  public static final Map<String, String> OMITTED_DEFAULTS = Map.of(PRECISION, Precision.FP32.cliName());

  public ModelConfig {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** A config being built for {@code model}. */
  public static Builder of(String model) {
    return new Builder(model);
  }

  /** Puts values in order; {@link Object#toString()} of each, lists joined by commas. */
  public static final class Builder {
    private final String model;
    private final Map<String, String> values = new LinkedHashMap<>();

    private Builder(String model) {
      this.model = model;
    }

    /** Adam's constants: {@code lr}, {@code adam_betas} (beta1,beta2) and {@code adam_epsilon}. */
    public Builder putAdam(Adam.Settings adam) {
      return put("lr", adam.learningRate()).put("adam_betas", List.of(adam.beta1(), adam.beta2()))
          .put("adam_epsilon", adam.epsilon());
    }

    /** {@code precision}, only when it is not {@link Precision#FP32} ({@link #OMITTED_DEFAULTS}). */
    public Builder putPrecision(Precision precision) {
      return precision == Precision.FP32 ? this : put(PRECISION, precision.cliName());
    }

    public Builder put(String key, Object value) {
      String text = value instanceof List<?> list
          ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
      values.put(key, text);
      return this;
    }

    public ModelConfig build() {
      return new ModelConfig(model, values, null);
    }
  }

  /** The value of {@code key}, if the config has it (an older checkpoint may not). */
  public Optional<String> find(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public String get(String key) {
    return find(key).orElseThrow(() -> corrupt("has no " + PREFIX + key));
  }

  public int getInt(String key) {
    return parse(key, Integer::parseInt);
  }

  public long getLong(String key) {
    return parse(key, Long::parseLong);
  }

  public float getFloat(String key) {
    return parse(key, Float::parseFloat);
  }

  public double getDouble(String key) {
    return parse(key, Double::parseDouble);
  }

  public boolean getBoolean(String key) {
    return parse(key, v -> switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not true or false");
    });
  }

  /** A comma-separated list of integers. */
  public List<Integer> getInts(String key) {
    return parse(key, v -> {
      List<Integer> list = new ArrayList<>();
      for (String part : v.split(",")) {
        list.add(Integer.parseInt(part.trim()));
      }
      return List.copyOf(list);
    });
  }

  /** A comma-separated list of numbers. */
  public List<Float> getFloats(String key) {
    return parse(key, v -> {
      List<Float> list = new ArrayList<>();
      for (String part : v.split(",")) {
        list.add(Float.parseFloat(part.trim()));
      }
      return List.copyOf(list);
    });
  }

  /** One of {@code choices}' command-line names, e.g. {@code bce}. */
  public String getChoice(String key, List<String> choices) {
    return parse(key, v -> {
      if (!choices.contains(v)) {
        throw new IllegalArgumentException("not one of " + String.join(", ", choices));
      }
      return v;
    });
  }

  /** {@link #getInt}, or {@code orElse} when the config lacks the key (an older checkpoint). */
  public int getInt(String key, int orElse) {
    return values.containsKey(key) ? getInt(key) : orElse;
  }

  public long getLong(String key, long orElse) {
    return values.containsKey(key) ? getLong(key) : orElse;
  }

  /**
   * Adam's constants as {@link Builder#putAdam} put them, each from {@code orElse} where the config
   * lacks it.
   */
  public Adam.Settings getAdam(Adam.Settings orElse) {
    List<Float> betas = values.containsKey("adam_betas") ? getFloats("adam_betas")
        : List.of(orElse.beta1(), orElse.beta2());
    if (betas.size() != 2) {
      throw corrupt("has model.adam_betas=" + get("adam_betas") + ", not two numbers");
    }
    return new Adam.Settings(getFloat("lr", orElse.learningRate()), betas.get(0), betas.get(1),
        getFloat("adam_epsilon", orElse.epsilon()));
  }

  /** The data set the run trained on ({@code dataset}), or {@code orElse}. */
  public DatasetName getDataset(DatasetName orElse) {
    return values.containsKey("dataset") ? parse("dataset", DatasetName::fromCliName) : orElse;
  }

  /** The precision the run multiplied in; {@link Precision#FP32} when the config lacks it. */
  public Precision getPrecision() {
    return values.containsKey(PRECISION) ? Precision.fromCliName(getChoice(PRECISION,
        Arrays.stream(Precision.values()).map(Precision::cliName).toList())) : Precision.FP32;
  }

  public float getFloat(String key, float orElse) {
    return values.containsKey(key) ? getFloat(key) : orElse;
  }

  public double getDouble(String key, double orElse) {
    return values.containsKey(key) ? getDouble(key) : orElse;
  }

  public boolean getBoolean(String key, boolean orElse) {
    return values.containsKey(key) ? getBoolean(key) : orElse;
  }

  public List<Integer> getInts(String key, List<Integer> orElse) {
    return values.containsKey(key) ? getInts(key) : orElse;
  }

  private interface Parser<T> {
    T parse(String value);
  }

  private <T> T parse(String key, Parser<T> parser) {
    String value = get(key);
    try {
      return parser.parse(value);
    } catch (RuntimeException e) {
      throw corrupt("has " + PREFIX + key + "=" + value + ", which is unreadable (" + e.getMessage() + ")");
    }
  }

  private UserException corrupt(String what) {
    String where = source == null ? "the " + model + " config" : source.toString();
    return new UserException(where + " " + what + ": the checkpoint was not written by this version of the "
        + model + " model, or the file was edited; train again, or restore the file");
  }

  /** Adds this config to {@code p}. */
  void addTo(Properties p) {
    p.setProperty(MODEL, model);
    values.forEach((k, v) -> p.setProperty(PREFIX + k, v));
  }

  /** The config in {@code p} (read from {@code file}); empty when it holds none. */
  static Optional<ModelConfig> from(Properties p, Path file) {
    String model = p.getProperty(MODEL);
    if (model == null) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    p.stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX)).sorted()
        .forEach(k -> values.put(k.substring(PREFIX.length()), p.getProperty(k)));
    return Optional.of(new ModelConfig(model, values, file));
  }

  /**
   * The config kept in the checkpoint directory {@code dir}; empty when there is none (a
   * checkpoint written before configs were kept, or not by this project).
   */
  public static Optional<ModelConfig> read(Path dir) {
    Path file = dir.resolve(RunKey.FILE);
    return RunKey.load(file).flatMap(p -> from(p, file));
  }


  /**
   * This config, which must be of {@code expected}'s model.
   *
   * @throws UserException naming both models when it is another model's
   */
  public ModelConfig requireModel(String expected) {
    if (!model.equals(expected)) {
      throw new UserException((source == null ? "the config" : source.toString()) + " belongs to a " + model
          + " model, not a " + expected + " model: give a checkpoint of a " + expected + " run");
    }
    return this;
  }

  /** {@code key=value, ...} for logs. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(model).append(':');
    values.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
    return s.toString();
  }
}
