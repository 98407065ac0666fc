package org.genmodels.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.genmodels.shared.model.TrainingReport;
import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run and the sample command write and say, and how bad input is reported. A small network, T = 20. */
class DiffusionCommandTest {
  private static final String[] NETWORK = {"--widths", "4,8", "--time-embedding", "8", "--timesteps", "20",
      "--batch-size", "16", "--no-progress"};
  private static final String[] SMALL = concat(NETWORK, "--fid-images", "0");

  @TempDir
  Path tmp;

  private static String[] concat(String[] common, String... args) {
    String[] all = new String[common.length + args.length];
    System.arraycopy(common, 0, all, 0, common.length);
    System.arraycopy(args, 0, all, common.length, args.length);
    return all;
  }

  private static CliRun.Output run(String[] common, String... args) {
    return CliRun.run(new DiffusionCommand(), concat(common, args));
  }

  private static void assertSize(int width, int height, Path file) throws IOException {
    assertTrue(Files.isRegularFile(file), file + " exists");
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(width, image.getWidth(), file.toString());
    assertEquals(height, image.getHeight(), file.toString());
  }

  @Test
  void aRunWritesGridStripAndCheckpointAndSampleReadsIt() throws IOException {
    Path out = tmp.resolve("run");
    DiffusionCommand command = new DiffusionCommand();
    CliRun.Output r = CliRun.run(command, concat(SMALL, "--epochs", "1", "--train-limit", "64", "--sample-images",
        "6", "--dataset", "mnist", "--data-dir", TestData.mnistDir().toString(), "--output", out.toString()));
    assertEquals(0, r.code(), r.err());
    TrainingReport report = command.report();
    assertEquals(List.of(out.resolve("samples_epoch_1.png"), out.resolve("denoising_epoch_1.png"),
        out.resolve("history.csv"), out.resolve("checkpoint")), report.files());
    assertEquals(report.history().get(0).test().loss(), report.test().loss());
    assertEquals(64, ((DiffusionSettings) report.settings()).trainLimit());
    assertSize(3 * 32, 2 * 32, out.resolve("samples_epoch_1.png"));
    assertSize(10 * 32, 6 * 32, out.resolve("denoising_epoch_1.png"));
    assertTrue(Files.isRegularFile(out.resolve("checkpoint").resolve("run.properties")));
    assertTrue(r.out().contains("Epoch 1/1"), r.out());
    assertTrue(r.out().contains("test L1 noise-prediction loss"), r.out());

    assertEquals(2, Files.readAllLines(out.resolve("history.csv")).size());

    // the network and T come from the checkpoint: sample is not told them again
    CliRun.Output s = CliRun.run(new DiffusionCommand(), "--fid-images", "0", "--output", out.toString(), "sample",
        "--images", "4", "--seed", "9");
    assertEquals(0, s.code(), s.err());
    assertTrue(s.out().contains("widths=[4, 8]") && s.out().contains(", T 20"), s.out());
    assertTrue(s.out().contains("\nengine: TensorFlow ") && s.out().contains("oneDNN "), s.out());
    assertSize(2 * 32, 2 * 32, out.resolve("sample_seed9.png"));
    assertSize(10 * 32, 4 * 32, out.resolve("denoising_seed9.png"));

    CliRun.Output other = run(new String[] {"--widths", "4,16", "--time-embedding", "8", "--timesteps", "20"},
        "--output", out.toString(), "sample", "--images", "4");
    assertEquals(2, other.code(), other.out() + other.err());
    assertTrue(other.err().contains(out.resolve("checkpoint").toString()), other.err());
    assertTrue(other.err().contains("--widths sets widths 4,16, the checkpoint's run has 4,8"), other.err());
  }

  @Test
  void noFiguresSaysSoAndWritesNone() throws IOException {
    Path out = tmp.resolve("quiet");
    DiffusionCommand command = new DiffusionCommand();
    CliRun.Output r = CliRun.run(command, concat(SMALL, "--epochs", "1", "--train-limit", "32", "--figures-every",
        "0", "--dataset", "mnist", "--data-dir", TestData.mnistDir().toString(), "--output", out.toString()));
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(out.resolve("history.csv"), out.resolve("checkpoint")), command.report().files());
    try (var files = Files.list(out)) {
      assertTrue(files.noneMatch(f -> f.toString().endsWith(".png")), "no pictures");
    }
    assertTrue(!r.out().contains("Pictures in") && r.out().contains("No pictures (--figures-every 0)"), r.out());
  }

  @Test
  void versionAndHelpSayEachThingOnce() {
    assertTrue(CliRun.run(new DiffusionCommand(), "-V").out().startsWith("genmodels "));
    assertEquals(java.util.List.of(), org.genmodels.shared.testing.HelpText.defaultsStatedTwice(new DiffusionCommand()));
  }

  @Test
  void aFolderOfImagesTrainsAnRgbNetwork() throws IOException {
    Path images = Files.createDirectories(tmp.resolve("cars"));
    Random random = new Random(1);
    for (int i = 0; i < 20; i++) {
      BufferedImage image = new BufferedImage(40 + i, 30, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          image.setRGB(x, y, random.nextInt(1 << 24));
        }
      }
      ImageIO.write(image, i % 2 == 0 ? "png" : "jpg", images.resolve("car" + i + (i % 2 == 0 ? ".png" : ".jpg")).toFile());
    }
    Path out = tmp.resolve("folder");
    DiffusionCommand command = new DiffusionCommand();
    CliRun.Output r = CliRun.run(command, concat(NETWORK, "--epochs", "1", "--image-dir", images.toString(),
        "--image-size", "16", "--sample-images", "4", "--fid-images", "4", "--output", out.toString()));
    assertEquals(0, r.code(), r.err());
    UnetSettings unet = ((DiffusionSettings) command.report().settings()).unet();
    assertEquals(List.of(3, 16), List.of(unet.channels(), unet.imageSize()), "RGB at --image-size");
    assertEquals(Map.of(), command.report().scores(), "no Fréchet score for a folder of images");
    assertTrue(r.out().contains("Read 20 images from"), r.out());
    assertTrue(r.out().contains("16x16x3 images"), r.out());
    assertTrue(r.out().contains("training-image L1 noise-prediction loss"), r.out());
    assertTrue(r.out().contains("No Fréchet score"), r.out());
    assertSize(2 * 16, 2 * 16, out.resolve("samples_epoch_1.png"));
  }

  @Test
  void badInputIsNamed() {
    Path missing = tmp.resolve("no-such-folder");
    CliRun.Output r = run(SMALL, "--image-dir", missing.toString(), "--output", tmp.resolve("x").toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(missing.toString()), r.err());

    CliRun.Output ema = run(SMALL, "--ema", "1.5", "--output", tmp.resolve("y").toString());
    assertEquals(2, ema.code(), ema.out() + ema.err());
    assertTrue(ema.err().contains("1.5"), ema.err());

    CliRun.Output size = run(new String[] {"--widths", "4,8,16"}, "--image-size", "30", "--output",
        tmp.resolve("z").toString());
    assertEquals(2, size.code(), size.out() + size.err());
    assertTrue(size.err().contains("multiple of 4") && size.err().contains("30"), size.err());

    CliRun.Output noCheckpoint = run(SMALL, "--output", tmp.resolve("empty").toString(), "sample");
    assertEquals(2, noCheckpoint.code(), noCheckpoint.out() + noCheckpoint.err());
    assertTrue(noCheckpoint.err().contains("checkpoint"), noCheckpoint.err());
  }
}
