package org.genmodels.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.genmodels.shared.nn.ConvOp;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.NewOps;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/**
 * The serving graph's two forms: {@code Conv2D}s for an export and for bf16, the generic conv for
 * a float32 session of this process ({@link DdpmServing#inProcess()}). That the two sample the same
 * pixels is held in {@code savedmodels}' {@code EmbeddedRewriteTest} and {@code DdpmExportTest}.
 */
class DdpmServingTest {
  private static final UnetSettings SMALL = UnetSettings.builder().widths(List.of(4, 8)).channels(1).imageSize(32)
      .timeEmbedding(8).build();
  private static final DdpmServing FP32 = new DdpmServing(SMALL, 10, 1e-4, 0.02, false, 0f);

  /** The op types {@code model} builds into an empty graph, counted. */
  private static Map<String, Integer> opsOf(DdpmServing model) {
    try (Graph g = new Graph()) {
      NewOps built = NewOps.since(g);
      model.build(Ops.create(g), new Parameters(new Seeds(1)));
      return built.counts();
    }
  }

  @Test
  void aFloat32SessionOfThisProcessConvolvesThroughTheGenericConvAndIsNotExportable() {
    DdpmServing local = FP32.inProcess();
    assertEquals(ConvOp.GENERIC, local.convs());
    assertFalse(local.exportable());
    assertTrue(FP32.exportable());
    assertEquals(ConvOp.CONV2D, FP32.convs());
    assertTrue(local.toString().endsWith(", ema=0.0, convs=GENERIC]"), local.toString());
    assertEquals(FP32, local.with(Precision.FP32), "with(precision) builds the exportable form");

    Map<String, Integer> exported = opsOf(FP32);
    Map<String, Integer> inProcess = opsOf(local);
    // as in the training graph's sampler (SamplerGraphTest): a down block's conv1, conv2 and
    // transform, the up block's conv1 and conv2, less the first conv1, composed with conv0
    assertEquals(4, inProcess.getOrDefault("Conv", 0), "generic convs in the in-process loop");
    assertEquals(0, exported.getOrDefault("Conv", 0), "an export holds Conv2D only");
    assertEquals(exported.get("Conv2D") - 4, inProcess.get("Conv2D"), "each generic conv replaces one Conv2D");
    // and each transposed conv the 3-d one (GenericConvTranspose: the same forward kernel); at this
    // size the one transposed conv is the output layer's taps, which are neither
    assertEquals(0, exported.getOrDefault("Conv3DBackpropInputV2", 0), "an export holds 2-d transposed convs only");
    assertEquals(exported.getOrDefault("Conv2DBackpropInput", 0), inProcess.getOrDefault("Conv3DBackpropInputV2", 0));
    assertEquals(0, inProcess.getOrDefault("Conv2DBackpropInput", 0), "in process: no 2-d transposed conv");
  }

  @Test
  void bf16KeepsConv2DForTheRewriteToCast() {
    DdpmServing bf16 = FP32.with(Precision.BF16);
    assertSame(bf16, bf16.inProcess());
    assertTrue(bf16.exportable());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DdpmServing(SMALL, 10,
        1e-4, 0.02, false, 0f, Precision.BF16, ConvOp.GENERIC));
    assertTrue(e.getMessage().contains("float32 only"), e.getMessage());
  }
}
