package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.cli.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's config beside its checkpoint: written, read back, checked against the options given. */
class ModelConfigTest {
  @TempDir
  Path tmp;

  private static final ModelConfig DDPM = ModelConfig.of("diffusion").put("widths", List.of(32, 64, 128))
      .put("timesteps", 300).put("beta_end", 0.02).put("ema", 0.999f).put("clamp_every_step", false).build();

  @Test
  void roundTripsThroughRunProperties() throws IOException {
    new RunKey("fashion", 60000, 128, 22).write(tmp, 468, true, DDPM);
    String text = Files.readString(tmp.resolve(RunKey.FILE));
    assertTrue(text.contains("model=diffusion"), text);
    assertTrue(text.contains("model.widths=32,64,128"), text);
    ModelConfig read = ModelConfig.read(tmp).orElseThrow();
    assertEquals("diffusion", read.model());
    assertEquals(List.of(32, 64, 128), read.getInts("widths"));
    assertEquals(300, read.getInt("timesteps"));
    assertEquals(0.02, read.getDouble("beta_end"));
    assertEquals(0.999f, read.getFloat("ema"));
    assertEquals(false, read.getBoolean("clamp_every_step"));
    assertEquals(DDPM.values(), read.values());
    assertEquals(7, read.getInt("missing", 7), "an older checkpoint's missing key takes the fallback");
    // the run key is still there beside it
    assertEquals(468, RunKey.read(tmp).orElseThrow().step());
  }

  @Test
  void aCheckpointWithoutAConfigHasNone() throws IOException {
    new RunKey("fashion", 60000, 128, 22).write(tmp, 468, true, null);
    assertTrue(ModelConfig.read(tmp).isEmpty());
    assertTrue(ModelConfig.read(tmp.resolve("nothing-here")).isEmpty());
  }

  @Test
  void anUnreadableValueNamesTheFileAndKey() throws IOException {
    Files.writeString(tmp.resolve(RunKey.FILE), "model=diffusion\nmodel.timesteps=three hundred\n");
    UserException e = assertThrows(UserException.class, () -> ModelConfig.read(tmp).orElseThrow().getInt("timesteps"));
    assertTrue(e.getMessage().contains(tmp.resolve(RunKey.FILE).toString()), e.getMessage());
    assertTrue(e.getMessage().contains("model.timesteps=three hundred"), e.getMessage());
    UserException missing = assertThrows(UserException.class, () -> ModelConfig.read(tmp).orElseThrow().get("widths"));
    assertTrue(missing.getMessage().contains("has no model.widths"), missing.getMessage());
  }

  @Test
  void aFileThatIsNotUtf8IsNamedAsCorrupt() throws IOException {
    // what the fuzzer found: bytes that are no UTF-8 escaped as an UncheckedIOException
    Files.write(tmp.resolve(RunKey.FILE), new byte[] {'m', 'o', 'd', 'e', 'l', '=', (byte) 0xff, (byte) 0xfe});
    UserException e = assertThrows(UserException.class, () -> ModelConfig.read(tmp));
    assertTrue(e.getMessage().contains("is corrupt (not UTF-8 text)"), e.getMessage());
  }

  @Test
  void givenOptionsThatContradictTheCheckpointAreRefusedByName() {
    ModelConfig stored = ModelConfig.of("vae").put("latent", 2).put("hidden", 256).put("reconstruction", "bce").build();
    ModelConfig user = ModelConfig.of("vae").put("latent", 10).put("hidden", 256).put("reconstruction", "mse").build();
    // not given: taken from the checkpoint without a word
    StoredSettings.requireAgreement(stored, user, Map.of());
    StoredSettings.requireAgreement(stored, user, Map.of("hidden", "--hidden"));
    UserException e = assertThrows(UserException.class, () -> StoredSettings.requireAgreement(stored, user,
        Map.of("latent", "--latent", "reconstruction", "--preset seed003")));
    assertTrue(e.getMessage().contains("--latent sets latent 10, the checkpoint's run has 2"), e.getMessage());
    assertTrue(e.getMessage().contains("--preset seed003 sets reconstruction mse, the checkpoint's run has bce"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Leave those options out"), e.getMessage());
    UserException other = assertThrows(UserException.class, () -> StoredSettings.requireAgreement(DDPM, user, Map.of()));
    assertTrue(other.getMessage().contains("belongs to a diffusion model, not a vae model"), other.getMessage());
  }
}
