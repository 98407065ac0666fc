package org.genmodels.shared.model;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.genmodels.shared.cli.UserException;

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

  /** {@code ae, cvae, diffusion, vae}: the names, for messages. */
  public static String names(List<ModelPlugin> plugins) {
    return String.join(", ", plugins.stream().map(ModelPlugin::name).toList());
  }
}
