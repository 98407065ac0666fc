package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.genmodels.diffusion.Diffusion;
import org.genmodels.diffusion.DiffusionSettings;
import org.genmodels.diffusion.UnetSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.weights.TorchStateDict;
import org.genmodels.shared.weights.WeightArray;
import org.genmodels.shared.weights.WeightFile;
import org.junit.jupiter.api.Test;

/**
 * {@link SimpleUnetImport} on the fixtures' real {@code model.pt} files: the network's shape is
 * read from the tensors, each tensor lands in its Java variable in the Java layout (checked
 * element by element against PyTorch's indexing), and a state dict that does not fit is refused
 * with a message naming the key, the shapes and the model.
 */
class TorchDdpmImportTest {
  /** The state dict's name in a fixture folder. */
  private static final String MODEL = "model.pt";

  @Test
  void theNetworkIsReadFromTheShapesAndTheScheduleIsTheSeeds() {
    ImportedModel cpu = read(TorchDdpmFixtures.CPU, 32);
    DiffusionSettings s = DiffusionSettings.defaults().withConfig(cpu.config());
    assertEquals(UnetSettings.builder().widths(List.of(32, 64, 128)).channels(1).imageSize(32)
        .timeEmbedding(32).build(), s.unet());
    assertEquals(300, s.timesteps());
    assertEquals(1e-4, s.betaStart());
    assertEquals(0.02, s.betaEnd());
    assertEquals(0f, s.ema());

    ImportedModel narrow = read(TorchDdpmFixtures.NARROW64, 64);
    assertEquals(UnetSettings.builder().widths(List.of(8, 16, 32, 64, 128)).channels(3)
        .imageSize(64).timeEmbedding(32).build(),
        DiffusionSettings.defaults().withConfig(narrow.config()).unet());
  }

  /** Every Java variable gets a value of its size; num_batches_tracked is read and dropped. */
  @Test
  void everyJavaVariableGetsAValueAndTheCountersAreDropped() {
    ImportedModel narrow = read(TorchDdpmFixtures.NARROW64, 64);
    try (Diffusion d = Diffusion.create(DiffusionSettings.defaults().withConfig(narrow.config()))) {
      List<Parameters.Param> params = d.model().params().all();
      assertEquals(params.size(), narrow.values().size());
      for (Parameters.Param p : params) {
        assertEquals(p.shape().size(), narrow.values().get(p.name()).length, p.name());
      }
    }
    assertEquals(150 - 16, narrow.values().size(), "150 keys less 16 batch counters");
    assertFalse(narrow.values().keySet().stream().anyMatch(k -> k.contains("num_batches")));
  }

  /** Element by element, with PyTorch's indices computed here, not by the importer's permutation. */
  @Test
  void eachLayoutIsConvertedAsPyTorchIndexesIt() {
    Path file = TorchDdpmFixtures.dir(TorchDdpmFixtures.CPU).resolve(MODEL);
    WeightFile torch = TorchStateDict.read(file);
    ImportedModel m = SimpleUnetImport.read(file, 32);
    // Linear [out 32, in 32] → [in, out]: (out 5, in 9) → [9][5]
    assertEquals(at(torch, "time_mlp.1.weight", 5 * 32 + 9), m.values().get("unet/time_mlp/kernel")[9 * 32 + 5]);
    // Linear [out 64, in 32] of downs.0.time_mlp: (out 40, in 3) → [3][40]
    assertEquals(at(torch, "downs.0.time_mlp.weight", 40 * 32 + 3),
        m.values().get("unet/down0/time_mlp/kernel")[3 * 64 + 40]);
    // Conv2d [out 64, in 32, 3, 3] → [kh, kw, in, out]: (o 50, i 7, a 0, b 2) → [0][2][7][50]
    assertEquals(at(torch, "downs.0.conv1.weight", ((50 * 32 + 7) * 3 + 0) * 3 + 2),
        m.values().get("unet/down0/conv1/kernel")[((0 * 3 + 2) * 32 + 7) * 64 + 50]);
    // ConvTranspose2d [in 32, out 32, 4, 4] → [kh, kw, out, in]: (i 3, o 7, a 1, b 2) → [1][2][7][3]
    assertEquals(at(torch, "ups.1.transform.weight", ((3 * 32 + 7) * 4 + 1) * 4 + 2),
        m.values().get("unet/up1/transform/kernel")[((1 * 4 + 2) * 32 + 7) * 32 + 3]);
    // the 1×1 output conv [out 1, in 32, 1, 1] → [1, 1, 32, 1]: (o 0, i 17) → [0][0][17][0]
    assertEquals(at(torch, "output.weight", 17), m.values().get("unet/output/kernel")[17]);
    // batch norm: weight, bias, running_mean, running_var as they are
    assertEquals(at(torch, "ups.0.bnorm2.running_var", 11), m.values().get("unet/up0/bnorm2/moving_variance")[11]);
    assertEquals(at(torch, "ups.0.bnorm2.running_mean", 11), m.values().get("unet/up0/bnorm2/moving_mean")[11]);
    assertEquals(at(torch, "downs.1.bnorm1.weight", 100), m.values().get("unet/down1/bnorm1/gamma")[100]);
    assertEquals(at(torch, "downs.1.bnorm1.bias", 100), m.values().get("unet/down1/bnorm1/beta")[100]);
  }

  @Test
  void aMissingKeyIsNamedWithItsShapeAndTheModel() {
    UserException e = refused(TorchDdpmFixtures.CPU, 32,
        arrays -> without(arrays, "downs.1.conv2.weight"));
    assertTrue(e.getMessage().contains("missing downs.1.conv2.weight [128, 128, 3, 3] (Conv2d weight [out, in,"
        + " kh, kw])"), e.getMessage());
    assertTrue(e.getMessage().contains("seed 004's SimpleUnet with widths [32, 64, 128], 1 image channels and"
        + " time embedding 32"), e.getMessage());
  }

  @Test
  void anUnexpectedKeyIsNamed() {
    UserException e = refused(TorchDdpmFixtures.CPU, 32, arrays -> {
      List<WeightArray> more = new ArrayList<>(arrays);
      more.add(zeros("ups.0.attention.weight", 4, 4));
      return more;
    });
    assertTrue(e.getMessage().contains("unexpected key ups.0.attention.weight float32 [4, 4]"), e.getMessage());
  }

  @Test
  void aWrongShapeIsNamedWithTheExpectedOne() {
    UserException e = refused(TorchDdpmFixtures.CPU, 32, arrays -> replaced(arrays, zeros("ups.0.conv1.weight",
        64, 128, 3, 3)));
    assertTrue(e.getMessage().contains("ups.0.conv1.weight is [64, 128, 3, 3], expected [64, 256, 3, 3] (Conv2d"
        + " weight [out, in, kh, kw])"), e.getMessage());
    UserException counter = refused(TorchDdpmFixtures.CPU, 32, arrays -> replaced(arrays,
        zeros("downs.0.bnorm1.num_batches_tracked", 1)));
    assertTrue(counter.getMessage().contains("downs.0.bnorm1.num_batches_tracked is [1], expected [] (BatchNorm"
        + " num_batches_tracked, ignored)"), counter.getMessage());
  }

  /** Four blocks down halve the image four times: 40 is not a multiple of 16. */
  @Test
  void anImageSizeTheDepthCannotHalveIsRefused() {
    Path file = TorchDdpmFixtures.dir(TorchDdpmFixtures.NARROW64).resolve(MODEL);
    UserException e = assertThrows(UserException.class, () -> SimpleUnetImport.read(file, 40));
    assertTrue(e.getMessage().contains("(widths [8, 16, 32, 64, 128], 3 image channels, time embedding 32): the"
        + " image size must be a multiple of 16"), e.getMessage());
    assertTrue(e.getMessage().endsWith("give the image size it was trained at"), e.getMessage());
  }

  /** Seed 004's VAE is a state dict too, of another model. */
  @Test
  void anotherModelsStateDictIsRefusedByName() {
    Path file = TorchDdpmFixtures.dir("seed004_vae").resolve("best_model_mnist");
    UserException e = assertThrows(UserException.class, () -> SimpleUnetImport.read(file, 32));
    assertEquals("the state dict in " + file + " is not seed 004's SimpleUnet: it has no conv0.weight (its keys are"
        + " time_mlp.1.*, conv0.*, downs.<i>.*, ups.<i>.*, output.*)", e.getMessage());
  }

  private static ImportedModel read(String fixture, int imageSize) {
    return SimpleUnetImport.read(TorchDdpmFixtures.dir(fixture).resolve(MODEL), imageSize);
  }

  private static UserException refused(String fixture, int imageSize, UnaryOperator<List<WeightArray>> change) {
    WeightFile real = TorchStateDict.read(TorchDdpmFixtures.dir(fixture).resolve(MODEL));
    WeightFile changed = new WeightFile(real.format(), change.apply(real.arrays()), real.notes());
    return assertThrows(UserException.class, () -> SimpleUnetImport.from(changed, "changed.pt", imageSize,
        SimpleUnetImport.SEED_TIMESTEPS, SimpleUnetImport.SEED_BETA_START, SimpleUnetImport.SEED_BETA_END));
  }

  private static float at(WeightFile f, String key, int index) {
    return f.get(key).orElseThrow().floats()[index];
  }

  private static List<WeightArray> without(List<WeightArray> arrays, String key) {
    return arrays.stream().filter(a -> !a.name().equals(key)).toList();
  }

  private static List<WeightArray> replaced(List<WeightArray> arrays, WeightArray a) {
    return arrays.stream().map(b -> b.name().equals(a.name()) ? a : b).toList();
  }

  private static WeightArray zeros(String name, int... shape) {
    ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(WeightArray.elementCount(shape) * 4))
        .order(ByteOrder.LITTLE_ENDIAN);
    return new WeightArray(name, WeightArray.DType.FLOAT32, shape, data, name);
  }
}
