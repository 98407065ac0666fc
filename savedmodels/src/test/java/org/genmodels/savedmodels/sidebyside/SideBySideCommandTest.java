package org.genmodels.savedmodels.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genmodels.shared.nn.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's look-ups: the CPU's name, the default peer folder, each model's child JVM. */
class SideBySideCommandTest {
  @TempDir
  Path tmp;

  @Test
  void theCpuIsTheFirstModelName() throws IOException {
    Path cpuinfo = tmp.resolve("cpuinfo");
    Files.writeString(cpuinfo, "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 9R14 96-Core"
        + " Processor\n\nprocessor\t: 1\nmodel name\t: something else\n");
    assertEquals("AMD EPYC 9R14 96-Core Processor", SideBySideCommand.cpuModel(cpuinfo));
    Files.writeString(cpuinfo, "processor\t: 0\n");
    assertTrue(SideBySideCommand.cpuModel(cpuinfo).startsWith("an unknown CPU"));
    assertTrue(SideBySideCommand.cpuModel(tmp.resolve("absent")).startsWith("an unknown CPU"));
  }

  @Test
  void thePeerIsBesideTheCheckout() throws IOException {
    Path shared = Path.of(System.getProperty("genmodels.shared.dir"));
    assertEquals(shared.toAbsolutePath().normalize().resolve("bench").resolve("pytorch"),
        SideBySideCommand.defaultPeer().toAbsolutePath().normalize());
  }

  @Test
  void eachModelRunsTheModelsMainByNameWithThisClassPath() {
    List<String> ae = JavaSide.command(Pairing.of("ae"));
    int main = ae.indexOf("org.genmodels.shared.model.ModelMain");
    assertTrue(main > 0, ae.toString());
    assertEquals(System.getProperty("java.class.path"), ae.get(main - 1));
    assertEquals(List.of("ae", "benchmark", "--epochs", "3", "--passes", "1"), ae.subList(main + 1, ae.size()));
    List<String> cvae = JavaSide.command(Pairing.of("cvae"));
    assertEquals(List.of("org.genmodels.shared.model.ModelMain", "cvae", "--dataset", "mnist", "benchmark", "--epochs",
        "1"), cvae.subList(cvae.size() - 7, cvae.size()));
    List<String> diffusion = JavaSide.command(Pairing.of("diffusion"));
    assertEquals("diffusion", diffusion.get(diffusion.indexOf("org.genmodels.shared.model.ModelMain") + 1));
  }

  @Test
  void bf16GoesFirstAmongTheModelsOptionsAndFp32LeavesThePairAsItIs() {
    Pairing cvae = Pairing.of("cvae");
    assertSame(cvae, cvae.in(Precision.FP32));
    List<String> bf16 = JavaSide.command(cvae.in(Precision.BF16));
    assertEquals(List.of("org.genmodels.shared.model.ModelMain", "cvae", "--precision", "bf16", "--dataset", "mnist",
        "benchmark", "--epochs", "1"), bf16.subList(bf16.size() - 9, bf16.size()));
    Pairing diffusion = Pairing.of("diffusion").in(Precision.BF16);
    assertEquals(Pairing.of("diffusion").peerArgs(), diffusion.peerArgs());
    assertEquals(Pairing.of("diffusion").rows(), diffusion.rows());
  }
}
