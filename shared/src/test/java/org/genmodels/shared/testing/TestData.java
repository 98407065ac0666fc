package org.genmodels.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.data.ImageData;

/**
 * The data the tests use: MNIST from {@code ../shared/datasets/mnist} beside the checkout (the
 * build passes its location as {@code genmodels.shared.dir}), Fashion-MNIST from wherever the
 * standard loader finds it (on CI: Debian's {@code dataset-fashion-mnist}). Loaded once per JVM.
 */
public final class TestData {
  private static ImageData mnist;
  private static ImageData fashion;

  private TestData() {
  }

  /** The {@code shared} directory beside the checkout. */
  public static Path sharedDir() {
    String dir = System.getProperty("genmodels.shared.dir");
    Path path = dir != null ? Path.of(dir) : Path.of("..", "shared");
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException("test data directory " + path.toAbsolutePath()
          + " not found: the tests expect ../shared beside the checkout");
    }
    return path.normalize();
  }

  public static Path mnistDir() {
    return sharedDir().resolve("datasets").resolve("mnist");
  }

  public static synchronized ImageData mnist() {
    if (mnist == null) {
      mnist = DatasetLoader.standard(mnistDir(), line -> { }).load(DatasetName.MNIST);
    }
    return mnist;
  }

  public static synchronized ImageData fashion() {
    if (fashion == null) {
      fashion = DatasetLoader.standard(null, line -> { }).load(DatasetName.FASHION_MNIST);
    }
    return fashion;
  }
}
