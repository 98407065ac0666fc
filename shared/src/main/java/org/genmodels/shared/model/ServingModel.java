package org.genmodels.shared.model;

import java.util.List;
import org.genmodels.shared.nn.Parameters;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;

/**
 * A model's inference graph: what an export holds and what the embedding API runs when it
 * loads a checkpoint. Implementations build the model's layers (with the variable names its
 * training graph uses, so that a training checkpoint restores into it), the few placeholders
 * serving needs, and one {@link Signature} per function served ({@link Signatures} has the names)
 * — and nothing for training: no loss, no optimizer slots, no step counter.
 *
 * <p>Each model module has one, beside its network ({@code ae/…/AutoencoderServing},
 * {@code vae/…/VaeServing}, {@code cvae/…/CvaeServing}, {@code diffusion/…/DdpmServing}), and
 * its {@link ModelPlugin} builds it ({@link ModelPlugin#serving}, {@link ModelPlugin#servingFromShapes}).
 * So adding a model to export and embed takes its serving graph and the two plugin methods in its
 * own module, and nothing in {@code savedmodels}: {@code export}, the embedding API and
 * {@link ModelPlugins#detect} find it through its plugin. Implementations are immutable values
 * (records), safe to share between threads; {@link #build} only adds ops to the caller's graph.
 */
public interface ServingModel {
  /** The model this graph serves. */
  ModelPlugin plugin();

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

  /**
   * Whether the session that runs this graph turns on TensorFlow's bfloat16 rewrite
   * ({@link org.genmodels.shared.tf.Bf16Rewrite}): the conv models' bf16. No by default; the dense
   * models put bf16 into the graph itself.
   */
  default boolean bf16Rewrite() {
    return false;
  }

  /**
   * This model for a session that only this process runs and never exports, in the precision
   * {@link #build} builds for: it may build ops that an export must not hold, because another
   * TensorFlow may not serve them or the bf16 rewrite would not cast them (the DDPM's float32
   * sampling loop on the generic conv, {@link org.genmodels.shared.nn.ConvOp#GENERIC}). By default
   * the model itself. A session that turns the bf16 rewrite on by its own flag builds the model
   * itself, not this.
   */
  default ServingModel inProcess() {
    return this;
  }

  /** Whether an export may hold the graph {@link #build} builds: false for an {@link #inProcess()} one that differs. */
  default boolean exportable() {
    return true;
  }
}
