package org.genmodels.savedmodels;

import java.util.List;
import org.genmodels.shared.nn.Parameters;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;

/**
 * A model's inference graph: what an export holds and what the embedding API runs when it
 * loads a checkpoint. Implementations build the model's layers (with the variable names its
 * training graph uses, so that a training checkpoint restores into it), the few placeholders
 * serving needs, and one {@link Signature} per function served — and nothing for training: no
 * loss, no optimizer slots, no step counter.
 *
 * <p>One implementation per model: {@link AutoencoderServing}, {@link VaeServing}, {@link CvaeServing}
 * (conv VAE and CVAE) and {@link DdpmServing}. A new model adds its implementation, a
 * {@link ModelKind} constant with its cases, and its module to this module's pom.
 */
public interface ServingModel {
  /** The model's kind. */
  ModelKind kind();

  /**
   * Builds the inference graph into {@code tf}'s (empty) graph, creating the weights in
   * {@code params}, and returns its signatures (see {@link Signatures} for the names).
   */
  List<Signature> build(Ops tf, Parameters params);

  /**
   * The checkpoint key whose value variable {@code p} takes: its own name, unless the model reads
   * another (the DDPM its weight average's).
   */
  default String checkpointKey(Parameters.Param p) {
    return p.name();
  }
}
