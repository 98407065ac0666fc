package org.genmodels.savedmodels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genmodels.ae.Autoencoder;
import org.genmodels.ae.AutoencoderSettings;
import org.genmodels.cvae.Cvae;
import org.genmodels.cvae.CvaeSettings;
import org.genmodels.diffusion.Diffusion;
import org.genmodels.diffusion.DiffusionSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.train.Checkpoints;
import org.genmodels.shared.train.ModelConfig;
import org.genmodels.shared.train.RunKey;
import org.genmodels.vae.Vae;
import org.genmodels.vae.VaeSettings;
import org.tensorflow.Session;

/**
 * A model trained in another framework (PyTorch, Paddle, Keras), as this project's model: the
 * {@link ModelConfig} that builds the Java model, and the value of every one of its variables by
 * name, already in this project's layout (HWIO kernels, {@code [in, out]} dense kernels, NHWC
 * flatten order). The importers make one from a {@code WeightFile}; {@link #assignTo} puts it into
 * a Java graph, {@link #saveCheckpoint} writes the training checkpoint {@code savedmodels import}
 * writes. Immutable.
 *
 * @param config what builds the Java model ({@code ae}, {@code vae}, {@code cvae}, {@code diffusion})
 * @param values Java variable name → values, row-major in that variable's shape
 * @param source the file or files it came from, for messages
 */
public record ImportedModel(ModelConfig config, Map<String, float[]> values, String source) {
  public ImportedModel {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * Sets every variable of {@code params} in {@code session} to its value here.
   *
   * @throws UserException naming every variable the import lacks, every value that fits no
   *                       variable, and every size that differs
   */
  public void assignTo(Session session, Parameters params) {
    List<String> problems = new ArrayList<>();
    List<String> unused = new ArrayList<>(values.keySet());
    for (Parameters.Param p : params.all()) {
      float[] v = values.get(p.name());
      unused.remove(p.name());
      if (v == null) {
        problems.add("no value for " + p.name() + " " + p.shape());
      } else if (v.length != p.shape().size()) {
        problems.add(p.name() + " has " + v.length + " values, the " + config.model() + " model's " + p.shape()
            + " takes " + p.shape().size());
      }
    }
    unused.forEach(name -> problems.add("no variable " + name + " in the " + config.model() + " model"));
    if (!problems.isEmpty()) {
      throw new UserException("the weights of " + source + " do not fit the " + config.model() + " model they"
          + " describe: " + String.join("; ", problems));
    }
    WeightAssignment.assign(session, params.all(), p -> values.get(p.name()));
  }

  /**
   * Writes this model as a training checkpoint of the Java model into {@code dir} (replaced only
   * when it is a checkpoint): every variable of its training graph — the imported weights, fresh
   * optimizer state, step 0 — and its config, so that {@code sample}, {@code export} and the
   * embedding API take it as a run of this project.
   */
  public void saveCheckpoint(Path dir) throws IOException {
    saveCheckpoint(dir, null);
  }

  /**
   * As {@link #saveCheckpoint(Path)}, with the run's {@code key} (step 0, finished) beside it, so
   * that {@code --resume} continues training from the imported weights; null writes no key.
   */
  public void saveCheckpoint(Path dir, RunKey key) throws IOException {
    switch (config.model()) {
      case AutoencoderSettings.MODEL -> {
        try (Autoencoder m = Autoencoder.create(AutoencoderSettings.defaults().withConfig(config))) {
          save(m.session(), m.model().params(), dir, key);
        }
      }
      case VaeSettings.MODEL -> {
        try (Vae m = Vae.create(VaeSettings.defaults().withConfig(config))) {
          save(m.session(), m.model().params(), dir, key);
        }
      }
      case CvaeSettings.MODEL -> {
        try (Cvae m = Cvae.create(CvaeSettings.defaults().withConfig(config))) {
          save(m.session(), m.model().params(), dir, key);
        }
      }
      case DiffusionSettings.MODEL -> {
        try (Diffusion m = Diffusion.create(DiffusionSettings.defaults().withConfig(config))) {
          save(m.session(), m.model().params(), dir, key);
        }
      }
      default -> throw new UserException("no model '" + config.model() + "' to import into: ae, vae, cvae or"
          + " diffusion");
    }
  }

  private void save(Session session, Parameters params, Path dir, RunKey key) throws IOException {
    assignTo(session, params);
    if (key == null) {
      Checkpoints.save(session, dir, config);
    } else {
      Checkpoints.save(session, dir, tmp -> key.write(tmp, 0, true, config));
    }
  }
}
