/**
 * Helpers on TensorFlow Java itself, and a reader of TF checkpoints that needs no TensorFlow.
 *
 * <ul>
 *   <li>Java arrays into and out of tensors: {@link org.genmodels.shared.tf.Tensors} (the caller
 *       closes what it returns); a graph function over many rows, batch by batch:
 *       {@code BatchedRunner}.</li>
 *   <li>The step counter variable every training graph has: {@code GlobalStep}.</li>
 *   <li>Reading a V2 checkpoint's keys, shapes and float values without loading it (for
 *       {@code inspect}, import and recognising a model): {@code CheckpointReader}, on
 *       {@code SortedTable} (the {@code .index} file's table format) and {@code Snappy} (its
 *       block compression).</li>
 * </ul>
 *
 * <p>Writing and restoring checkpoints from a session is in {@code train.Checkpoints}.
 */
package org.genmodels.shared.tf;
