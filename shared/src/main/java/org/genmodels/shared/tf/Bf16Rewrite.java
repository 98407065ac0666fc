package org.genmodels.shared.tf;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * TensorFlow's {@code auto_mixed_precision_onednn_bfloat16} graph rewrite: how the conv models (CVAE,
 * DDPM) run {@code --precision bf16}. When the session first runs a subgraph, grappler casts the
 * convolutions and matrix products on its allow list (forward and gradient) to bfloat16, with the
 * element-wise ops between them, and places the casts; the variables stay float32, and so do their
 * Adam updates, which read float32 gradients (the float32 master weights of mixed precision).
 * Two of TensorFlow 2.18's kernels get its gradients wrong, so a training graph for it is built
 * for {@code Precision.BF16} ({@code Conv2D.with}, {@code Conv2DTranspose.with}: a conv to one
 * channel through {@code OneChannelConv}, transposed convs' biases by {@code Add}).
 *
 * <p>Why a rewrite here and explicit casts in {@code Dense} (the AE and VAE): on an Intel Xeon with
 * AMX (16 processors, 2026-12-01) the rewrite made a DDPM step 2.1× faster and a CVAE epoch 1.06×
 * faster than float32, while for the dense models both ways were slower than float32 and the casts
 * less so (docs/speed-levers.md). Without oneDNN ({@code TF_ENABLE_ONEDNN_OPTS=0}) TensorFlow skips
 * the pass; on CPUs without bfloat16 instructions it runs it and emulates, slower than float32, so
 * the commands refuse bf16 there ({@code CpuFeatures.require}). Stateless; thread-safe.
 */
public final class Bf16Rewrite {
  private Bf16Rewrite() {
  }

  /** A session option with only the rewrite turned on (every other option TensorFlow's default). */
  public static ConfigProto config() {
    return ConfigProto.newBuilder().setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(
        RewriterConfig.newBuilder().setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON))).build();
  }

  /**
   * A new session on {@code graph}: with the rewrite when {@code on}, else with TensorFlow's defaults
   * (exactly {@code new Session(graph)}). The caller closes it.
   */
  public static Session session(Graph graph, boolean on) {
    return on ? new Session(graph, config()) : new Session(graph);
  }
}
