package org.genmodels.ae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.Bf16Losses;
import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.Fetch;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.train.Adam;
import org.genmodels.shared.train.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;

/**
 * {@code --precision bf16} for the autoencoder: the graph it builds (fp32's plus casts), training
 * close to fp32's, the setting kept in the checkpoint's config, and the refusal on CPUs without
 * bfloat16 instructions. Nothing here depends on the CPU's speed.
 */
class AutoencoderPrecisionTest {
  private static final List<Integer> HIDDEN = List.of(64, 32);

  @TempDir
  Path tmp;

  /** The nodes, by name, of the training graph (model and Adam step) of {@code precision}. */
  private static Map<String, NodeDef> trainingGraph(Precision precision) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      AutoencoderModel m = AutoencoderModel.build(tf, HIDDEN, 8, precision, new Seeds(22));
      Adam.minimize(tf, m.loss(), m.params().trainableVariables(), Adam.Settings.keras(1e-3f));
      Map<String, NodeDef> nodes = new HashMap<>();
      g.toGraphDef().getNodeList().forEach(n -> nodes.put(n.getName(), n));
      return nodes;
    }
  }

  @Test
  void bf16IsTheFp32GraphWithCastsAroundEveryMatMul() {
    Map<String, NodeDef> fp32 = trainingGraph(Precision.FP32);
    Map<String, NodeDef> bf16 = trainingGraph(Precision.BF16);
    assertTrue(fp32.values().stream().flatMap(n -> n.getAttrMap().values().stream())
        .noneMatch(a -> a.getType() == DataType.DT_BFLOAT16));
    // every fp32 node is in the bf16 graph under its name, as the same op; only MatMuls change type
    fp32.forEach((name, node) -> {
      NodeDef other = bf16.get(name);
      assertEquals(node.getOp(), other == null ? null : other.getOp(), name);
      if (!node.getOp().equals("MatMul")) {
        assertEquals(node.getAttrMap(), other.getAttrMap(), name);
      } else {
        assertEquals(DataType.DT_BFLOAT16, other.getAttrMap().get("T").getType(), name);
      }
    });
    // and the bf16 graph adds only casts (of x, the kernel and the product, and their gradients)
    List<NodeDef> added = bf16.values().stream().filter(n -> !fp32.containsKey(n.getName())).toList();
    assertFalse(added.isEmpty());
    added.forEach(n -> assertEquals("Cast", n.getOp(), n.getName()));
    long matMuls = fp32.values().stream().filter(n -> n.getOp().equals("MatMul")).count();
    // forward: the encoder, the decoder on the code and on z; backward: dx and dW of the 6 layers the loss sees
    assertEquals(3 + 3 + 3 + 2 * 6, matMuls);
    assertEquals(matMuls, bf16.values().stream().filter(n -> n.getOp().equals("MatMul")).count());
  }

  /** The losses of {@code steps} Adam steps on one batch of 64 MNIST images. */
  private static float[] losses(Precision precision, int steps) {
    ImageSet batch = TestData.mnist().train().head(64);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      AutoencoderModel m = AutoencoderModel.build(tf, HIDDEN, 8, precision, new Seeds(22));
      Op step = Adam.minimize(tf, m.loss(), m.params().trainableVariables(), Adam.Settings.keras(1e-2f));
      return Fetch.lossesOfSteps(g, m.input().pixels(), batch, m.loss(), step, steps);
    }
  }

  @Test
  void bf16TrainsWithinTwoPercentOfFp32() {
    Bf16Losses.assertTrackFp32(losses(Precision.FP32, 8), losses(Precision.BF16, 8), 0.02);
  }

  @Test
  void thePrecisionGoesThroughTheBuilderAndTheCheckpointConfig() {
    AutoencoderSettings bf16 = AutoencoderSettings.builder().precision(Precision.BF16).build();
    assertEquals(Precision.BF16, bf16.precision());
    assertEquals(Precision.BF16, bf16.toBuilder().build().precision());
    ModelConfig c = bf16.config();
    assertEquals("bf16", c.values().get("precision"));
    assertEquals(Precision.BF16, AutoencoderSettings.defaults().withConfig(c).precision());
    // fp32 configs are as before precision existed, and such a config means fp32
    AutoencoderSettings fp32 = AutoencoderSettings.defaults();
    assertEquals(Precision.FP32, fp32.precision());
    assertFalse(fp32.config().values().containsKey("precision"));
    assertEquals(Precision.FP32, bf16.withConfig(fp32.config()).precision());
  }

  @Test
  void theCommandRefusesBf16OnACpuWithoutBf16() {
    assumeFalse(CpuFeatures.current().hasBf16(), "this CPU has bf16 instructions");
    Path output = tmp.resolve("run");
    CliRun.Output r = CliRun.run(new AutoencoderCommand(), "--precision", "bf16", "--epochs", "1",
        "--dataset", "mnist", "--data-dir", TestData.mnistDir().toString(), "--output", output.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("error: --precision bf16 needs a CPU with avx512_bf16 or amx_bf16"), r.err());
    assertTrue(r.err().contains(CpuFeatures.current().model()), r.err());
    assertTrue(r.err().contains("use the default --precision fp32"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(Files.exists(output), "nothing is written before the refusal");
  }

  @Test
  void helpNamesThePrecisionAndWhatItNeeds() {
    CliRun.Output r = CliRun.run(new AutoencoderCommand(), "--help");
    assertTrue(r.out().contains("--precision=fp32|bf16"), r.out());
    assertTrue(r.out().contains("avx512_bf16"), r.out());
  }
}
