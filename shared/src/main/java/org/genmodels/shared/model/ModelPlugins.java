package org.genmodels.shared.model;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.train.ModelConfig;

/**
 * The {@link ModelPlugin}s on the class path, found by {@link ServiceLoader}: a model module on
 * the class path is a model the tools know, with nothing to register elsewhere.
 */
public final class ModelPlugins {
  private ModelPlugins() {
  }

  /** Every model on the class path, by name. */
  public static List<ModelPlugin> all() {
    return ServiceLoader.load(ModelPlugin.class, ModelPlugins.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get).sorted(Comparator.comparing(ModelPlugin::name)).toList();
  }

  /**
   * The model called {@code name} (case ignored).
   *
   * @throws UserException naming the models there are, when none is called so
   */
  public static ModelPlugin named(String name) {
    List<ModelPlugin> all = all();
    return all.stream().filter(p -> p.name().equals(name.toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new UserException("unknown model '" + name + "': use " + names(all)));
  }

  /**
   * The model whose checkpoint {@code r} is (read from {@code dir}): the one its
   * {@link ModelConfig} names ({@code model=} of its {@code run.properties}), or, for a checkpoint
   * that keeps none, the one whose {@linkplain ModelPlugin#markerVariable marker variable} it holds.
   *
   * @throws UserException when it is none of the models on the class path
   */
  public static ModelPlugin detect(Path dir, CheckpointReader r) {
    List<ModelPlugin> all = all();
    Optional<ModelConfig> stored = ModelConfig.read(dir);
    if (stored.isPresent()) {
      String model = stored.get().model();
      return all.stream().filter(p -> p.name().equals(model)).findFirst().orElseThrow(() ->
          new UserException(stored.get().source() + " names the model '" + model + "', which this version does"
              + " not know: " + names(all)));
    }
    return all.stream().filter(p -> r.entry(p.markerVariable()).isPresent()).findFirst()
        .orElseThrow(() -> new UserException("the checkpoint " + r.prefix() + " is not one of this project's"
            + " models (no " + String.join(", ", all.stream().map(ModelPlugin::markerVariable).toList())
            + "): give the checkpoint directory a model's training run wrote, e.g. outputs/ae/checkpoint"));
  }

  /** {@code ae, cvae, diffusion, vae}: the names, for messages. */
  public static String names(List<ModelPlugin> plugins) {
    return String.join(", ", plugins.stream().map(ModelPlugin::name).toList());
  }
}
