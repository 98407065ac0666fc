package org.genmodels.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.data.ImageData;

/**
 * The data the tests use, read only from {@code ../shared/datasets/} beside the checkout (the build
 * passes its location as {@code genmodels.shared.dir}): MNIST from {@code mnist/}, Fashion-MNIST
 * from {@code fashion-mnist/}. A given path is the only place the loader looks, so nothing the
 * machine has installed (Keras' cache, Debian's package, the network) is used. Loaded once per JVM.
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

  /** {@code ../shared/datasets}: {@code mnist/} and {@code fashion-mnist/}, each the four IDX .gz files. */
  public static Path datasetsDir() {
    return sharedDir().resolve("datasets");
  }

  public static Path mnistDir() {
    return datasetsDir().resolve("mnist");
  }

  public static Path fashionDir() {
    return datasetsDir().resolve("fashion-mnist");
  }

  public static synchronized ImageData mnist() {
    if (mnist == null) {
      mnist = DatasetLoader.standard(mnistDir(), line -> { }).load(DatasetName.MNIST);
    }
    return mnist;
  }

  public static synchronized ImageData fashion() {
    if (fashion == null) {
      fashion = DatasetLoader.standard(fashionDir(), line -> { }).load(DatasetName.FASHION_MNIST);
    }
    return fashion;
  }
}
