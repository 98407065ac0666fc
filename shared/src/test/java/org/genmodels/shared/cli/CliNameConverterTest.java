package org.genmodels.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import org.genmodels.shared.nn.Reduction;
import org.genmodels.shared.nn.WeightInit;
import org.genmodels.shared.testing.CliRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Options typed as {@link CliName} enums, as {@link Cli} parses them for every command. */
class CliNameConverterTest {
  /** Names that are not the Java names, so that picocli's own enum parsing could not pass. */
  enum Shade implements CliName {
    LIGHT_GRAY("light-gray"), DARK("dark"), INK("ink");

    private final String cliName;

    Shade(String cliName) {
      this.cliName = cliName;
    }

    @Override
    public String cliName() {
      return cliName;
    }
  }

  @Command(name = "paint", showDefaultValues = true, mixinStandardHelpOptions = true)
  static final class Paint implements Callable<Integer> {
    @Option(names = "--shade", description = "The shade.")
    Shade shade = Shade.DARK;

    @Option(names = "--reduction", description = "How.")
    Reduction reduction;

    @Option(names = "--init", converter = Inits.class, description = "Weights.")
    WeightInit init;

    static final class Inits extends CliNameConverter<WeightInit> {
      Inits() {
        super(List.of(WeightInit.TORCH, WeightInit.TRUNCATED_NORMAL_0_001));
      }
    }

    @Override
    public Integer call() {
      return 0;
    }
  }

  @Test
  void namesParseInAnyCase() {
    Paint p = new Paint();
    Cli.commandLine(p).parseArgs("--shade", "Light-GRAY", "--reduction", "MEAN", "--init", "truncated-Normal");
    assertEquals(Shade.LIGHT_GRAY, p.shade);
    assertEquals(Reduction.MEAN, p.reduction);
    assertEquals(WeightInit.TRUNCATED_NORMAL_0_001, p.init);
  }

  @Test
  void theDefaultIsKeptAndShownByItsName() {
    Paint p = new Paint();
    Cli.commandLine(p).parseArgs();
    assertEquals(Shade.DARK, p.shade);
    String help = CliRun.run(new Paint(), "--help").flatOut();
    assertTrue(help.contains("--shade=<shade> The shade. Default: dark"), help);
  }

  @Test
  void aBadNameIsOneErrorLineListingTheValidOnes() {
    CliRun.Output r = CliRun.run(new Paint(), "--shade", "LIGHT_GRAY");
    assertEquals(Cli.USER_ERROR, r.code());
    assertEquals("error: unknown value 'LIGHT_GRAY' for --shade: use light-gray, dark or ink\n", r.err());
    r = CliRun.run(new Paint(), "--reduction", "median");
    assertEquals(Cli.USER_ERROR, r.code());
    assertEquals("error: unknown value 'median' for --reduction: use sum or mean\n", r.err());
  }

  @Test
  void anOptionsOwnConverterLimitsTheChoices() {
    CliRun.Output r = CliRun.run(new Paint(), "--init", "keras");
    assertEquals(Cli.USER_ERROR, r.code());
    assertEquals("error: unknown value 'keras' for --init: use torch or truncated-normal\n", r.err());
  }

  @Test
  void anUnknownOptionKeepsPicocliUsage() {
    CliRun.Output r = CliRun.run(new Paint(), "--unknown");
    assertEquals(Cli.USER_ERROR, r.code());
    assertTrue(r.err().contains("Usage: paint"), "usage errors keep the usage: " + r.err());
  }

  @Test
  void listSaysOrBeforeTheLast() {
    assertEquals("ink", CliName.list(List.of(Shade.INK)));
    assertEquals("dark or ink", CliName.list(List.of(Shade.DARK, Shade.INK)));
    assertEquals(Shade.INK, CliName.find(List.of(Shade.values()), " Ink ").orElseThrow());
  }
}
