package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genmodels.ae.Autoencoder;
import org.genmodels.ae.AutoencoderPlugin;
import org.genmodels.ae.AutoencoderServing;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.vae.Likelihood;
import org.genmodels.vae.Vae;
import org.genmodels.vae.VaePlugin;
import org.genmodels.vae.VaeServing;

/**
 * The seed's Keras models — {@code AE.py}'s {@code AE} (two {@code Sequential}s in attributes
 * {@code encoder} and {@code decoder}) and {@code VAE.py}'s {@code VAE} (Dense attributes
 * {@code fc1} … {@code fc5}) — as a user exports them with {@code savedmodels/python/}, mapped
 * onto this project's AE and VAE by object-graph path:
 * <pre>
 *   encoder/dense_i, encoder/code      ← encoder/layer_with_weights-i (the code layer last)
 *   decoder/dense_i, decoder/logits    ← decoder/layer_with_weights-i (the logits layer last)
 *   encoder/fc1, z_mean, z_log_var     ← fc1, fc2, fc3
 *   decoder/fc4, fc5                   ← fc4, fc5
 * </pre>
 * Layer sizes are read from the Keras weights. The weights can go into an inference graph
 * ({@link #session}: parity checks, exports) or into a model to train on in Java ({@link #into}).
 */
public final class KerasSeedModels {
  private KerasSeedModels() {
  }

  /** Which seed model {@code w} holds: the autoencoder's plugin or the VAE's. */
  public static ModelPlugin kind(KerasWeights w) {
    if (w.has("encoder/layer_with_weights-0/kernel")) {
      return new AutoencoderPlugin();
    }
    if (w.has("fc1/kernel")) {
      return new VaePlugin();
    }
    throw new UserException("the Keras weights in " + w.checkpoint().prefix() + " are neither the seed's AE"
        + " (encoder/layer_with_weights-0/kernel) nor its VAE (fc1/kernel); they are "
        + String.join(", ", w.paths()));
  }

  /** The inference graph of the seed model {@code w} holds, its sizes read from the weights. */
  public static ServingModel model(KerasWeights w) {
    if (kind(w) instanceof AutoencoderPlugin) {
      List<Integer> widths = new ArrayList<>();
      for (int i = 0; w.has("encoder/layer_with_weights-" + i + "/kernel"); i++) {
        widths.add((int) w.shape("encoder/layer_with_weights-" + i + "/kernel").get(1));
      }
      return new AutoencoderServing(widths.subList(0, widths.size() - 1), widths.get(widths.size() - 1));
    }
    return new VaeServing((int) w.shape("fc1/kernel").get(1), (int) w.shape("fc2/kernel").get(1),
        Likelihood.BERNOULLI);
  }

  /** The Keras object path of this project's variable {@code name} in a model with {@code hidden} hidden layers. */
  public static String kerasPath(ModelPlugin kind, String name, int hidden) {
    String[] parts = name.split("/");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a layer variable: " + name);
    }
    String layer = parts[1];
    if (kind instanceof AutoencoderPlugin) {
      int index = layer.startsWith("dense_") ? Integer.parseInt(layer.substring(6)) : hidden;
      return parts[0] + "/layer_with_weights-" + index + "/" + parts[2];
    }
    String keras = switch (layer) {
      case "z_mean" -> "fc2";
      case "z_log_var" -> "fc3";
      default -> layer;
    };
    return keras + "/" + parts[2];
  }

  /**
   * An inference graph of the seed model saved in {@code dir} (a SavedModel or TF2 checkpoint)
   * with its Keras weights.
   */
  public static ServingSession session(Path dir) {
    KerasWeights w = KerasWeights.open(dir);
    ServingModel model = model(w);
    ServingSession s = ServingSession.build(model, null);
    try {
      s.assign(p -> values(w, model.plugin(), p, hiddenLayers(model)));
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Puts the Keras AE's weights into {@code ae}, to go on training it in Java. */
  public static void into(Autoencoder ae, Path dir) {
    KerasWeights w = KerasWeights.open(dir);
    requireSame(w, AutoencoderServing.of(ae.settings()));
    WeightAssignment.assign(ae.session(), ae.model().params().all(),
        p -> values(w, new AutoencoderPlugin(), p, ae.settings().hiddenSizes().size()));
  }

  /** Puts the Keras VAE's weights into {@code vae}, to go on training it in Java. */
  public static void into(Vae vae, Path dir) {
    KerasWeights w = KerasWeights.open(dir);
    requireSame(w, VaeServing.of(vae.settings()));
    WeightAssignment.assign(vae.session(), vae.model().params().all(), p -> values(w, new VaePlugin(), p, 1));
  }

  private static void requireSame(KerasWeights w, ServingModel java) {
    ServingModel keras = model(w);
    if (!keras.plugin().name().equals(java.plugin().name())) {
      throw new UserException(w.checkpoint().prefix() + " holds the seed's " + keras.plugin().displayName()
          + ", not its " + java.plugin().displayName());
    }
    boolean same = keras instanceof VaeServing k && java instanceof VaeServing j
        ? k.hiddenSize() == j.hiddenSize() && k.latentSize() == j.latentSize() : keras.equals(java);
    if (!same) {
      throw new UserException("the Keras model in " + w.checkpoint().prefix() + " is " + keras
          + " but the Java model is " + java + ": create it with the Keras model's sizes");
    }
  }

  private static int hiddenLayers(ServingModel model) {
    return model instanceof AutoencoderServing a ? a.hiddenSizes().size() : 1;
  }

  private static float[] values(KerasWeights w, ModelPlugin kind, Parameters.Param p, int hidden) {
    String path = kerasPath(kind, p.name(), hidden);
    if (!w.shape(path).equals(p.shape())) {
      throw new UserException("the Keras weight " + path + " is " + w.shape(path) + " but " + p.name()
          + " is " + p.shape());
    }
    return w.values(path);
  }
}
