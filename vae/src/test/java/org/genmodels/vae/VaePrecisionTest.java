package org.genmodels.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.genmodels.shared.cli.Cli;
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
import org.tensorflow.proto.GraphDef;

/**
 * {@code --precision bf16} for the VAE: bfloat16 MatMuls only where asked, training close to
 * fp32's, the setting in the checkpoint config (and not in any preset), the refusal on CPUs
 * without bfloat16 instructions.
 */
class VaePrecisionTest {
  @TempDir
  Path tmp;

  private static VaeSettings small(Precision p) {
    return VaeSettings.builder().hiddenSize(64).latentSize(4).precision(p).build();
  }

  private static long matMuls(GraphDef def, DataType type) {
    return def.getNodeList().stream().filter(n -> n.getOp().equals("MatMul"))
        .filter(n -> n.getAttrMap().get("T").getType() == type).count();
  }

  /** Losses of {@code steps} Adam steps on one batch of 64 MNIST images; the graph's MatMuls checked. */
  private static float[] losses(Precision precision, int steps) {
    ImageSet batch = TestData.mnist().train().head(64);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VaeModel m = VaeModel.build(tf, small(precision), new Seeds(22));
      Op step = Adam.minimize(tf, m.loss(), m.params().trainableVariables(), Adam.Settings.keras(1e-2f));
      GraphDef def = g.toGraphDef();
      DataType other = precision == Precision.BF16 ? DataType.DT_FLOAT : DataType.DT_BFLOAT16;
      assertEquals(0, matMuls(def, other), precision + " graph has MatMuls of another type");
      assertTrue(matMuls(def, precision == Precision.BF16 ? DataType.DT_BFLOAT16 : DataType.DT_FLOAT) >= 15);
      return Fetch.lossesOfSteps(g, m.input().pixels(), batch, m.loss(), step, steps);
    }
  }

  @Test
  void bf16TrainsWithinTwoPercentOfFp32() {
    Bf16Losses.assertTrackFp32(losses(Precision.FP32, 8), losses(Precision.BF16, 8), 0.02);
  }

  @Test
  void thePrecisionGoesThroughTheBuilderAndTheCheckpointConfigButNoPreset() {
    for (VaePreset p : VaePreset.values()) {
      assertEquals(Precision.FP32, p.settings().build().precision(), p.name());
    }
    VaeSettings bf16 = small(Precision.BF16);
    assertEquals(Precision.BF16, bf16.toBuilder().build().precision());
    ModelConfig c = bf16.config();
    assertEquals("bf16", c.values().get("precision"));
    assertEquals(Precision.BF16, VaeSettings.defaults().withConfig(c).precision());
    assertFalse(small(Precision.FP32).config().values().containsKey("precision"));
    assertEquals(Precision.FP32, bf16.withConfig(small(Precision.FP32).config()).precision());
  }

  @Test
  void theCommandRefusesBf16OnACpuWithoutBf16() {
    assumeFalse(CpuFeatures.current().hasBf16(), "this CPU has bf16 instructions");
    Path output = tmp.resolve("run");
    CliRun.Output r = CliRun.run(new VaeCommand(), "--precision", "bf16", "--epochs", "1",
        "--dataset", "mnist", "--data-dir", TestData.mnistDir().toString(), "--output", output.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("error: --precision bf16 needs a CPU with avx512_bf16 or amx_bf16"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(Files.exists(output));
  }

  @Test
  void aGivenPresetDoesNotClaimThePrecision() {
    // so that --resume --preset seed004 continues a bf16 checkpoint of that preset in bf16
    VaeCommand command = new VaeCommand();
    Cli.commandLine(command).parseArgs("--preset", "seed004");
    assertEquals("--preset seed004", command.givenOptions().get("latent"));
    assertFalse(command.givenOptions().containsKey("precision"), command.givenOptions().toString());
    VaeCommand withPrecision = new VaeCommand();
    Cli.commandLine(withPrecision).parseArgs("--preset", "seed004", "--precision", "bf16");
    assertEquals(Precision.BF16, withPrecision.settings().precision());
    assertTrue(withPrecision.givenOptions().get("precision").startsWith("--precision"));
  }

  @Test
  void theOptionParsesBothNamesAndRejectsOthers() {
    VaeCommand command = new VaeCommand();
    CliRun.Output r = CliRun.run(command, "--precision", "fp16");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown value 'fp16' for --precision: use fp32 or bf16"), r.err());
  }
}
