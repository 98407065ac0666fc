package org.genmodels.shared.data;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two 28×28 grayscale data sets the seeds train on, with everything needed to find and verify
 * them: the IDX file names, the Keras cache layout, the download location and the SHA-256 of each
 * file's decompressed IDX content (which is what {@code zcat FILE | sha256sum} prints, and is the
 * same for the published files, Keras' copies and Debian's re-compressed ones).
 */
public enum DatasetName {
  MNIST("mnist", "MNIST", "mnist", Optional.of("mnist.npz"), Optional.empty(), Optional.empty(),
      "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
      "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
      "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
      "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
      "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
  FASHION_MNIST("fashion", "Fashion-MNIST", "fashion-mnist", Optional.empty(), Optional.of("fashion-mnist"),
      Optional.of("dataset-fashion-mnist"), null,
      "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
      "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
      "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
      "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

  /** The four files of an MNIST-style data set, by their canonical IDX names. */
  public enum Part {
    TRAIN_IMAGES("train-images-idx3-ubyte", 3),
    TRAIN_LABELS("train-labels-idx1-ubyte", 1),
    TEST_IMAGES("t10k-images-idx3-ubyte", 3),
    TEST_LABELS("t10k-labels-idx1-ubyte", 1);

    private final String fileName;
    private final int rank;

    Part(String fileName, int rank) {
      this.fileName = fileName;
      this.rank = rank;
    }

    /** The uncompressed IDX file name, e.g. {@code train-images-idx3-ubyte}. */
    public String fileName() {
      return fileName;
    }

    /** The usual compressed file name, e.g. {@code train-images-idx3-ubyte.gz}. */
    public String gzFileName() {
      return fileName + ".gz";
    }

    /** 3 for image files (count × rows × cols), 1 for label files. */
    public int rank() {
      return rank;
    }
  }

  /** Where Keras downloads both data sets from (its {@code tf-keras-datasets} bucket). */
  public static final String KERAS_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

  private final String cliName;
  private final String displayName;
  private final String dirName;
  private final Optional<String> kerasNpzFile;
  private final Optional<String> kerasIdxDir;
  private final Optional<String> debianPackage;
  private final String npzSha256;
  private final Map<Part, String> contentSha256 = new EnumMap<>(Part.class);

  DatasetName(String cliName, String displayName, String dirName, Optional<String> kerasNpzFile,
      Optional<String> kerasIdxDir, Optional<String> debianPackage, String npzSha256,
      String trainImages, String trainLabels, String testImages, String testLabels) {
    this.cliName = cliName;
    this.displayName = displayName;
    this.dirName = dirName;
    this.kerasNpzFile = kerasNpzFile;
    this.kerasIdxDir = kerasIdxDir;
    this.debianPackage = debianPackage;
    this.npzSha256 = npzSha256;
    contentSha256.put(Part.TRAIN_IMAGES, trainImages);
    contentSha256.put(Part.TRAIN_LABELS, trainLabels);
    contentSha256.put(Part.TEST_IMAGES, testImages);
    contentSha256.put(Part.TEST_LABELS, testLabels);
  }

  /** The name used on the command line: {@code mnist} or {@code fashion}. */
  public String cliName() {
    return cliName;
  }

  public String displayName() {
    return displayName;
  }

  /**
   * The folder that holds the four IDX files inside a folder of data sets ({@code mnist},
   * {@code fashion-mnist}), as in {@code $GENMODELS_DATA} and {@code ../shared/datasets}.
   */
  public String dirName() {
    return dirName;
  }

  /** Keras keeps MNIST as one {@code mnist.npz} in its cache directory. */
  public Optional<String> kerasNpzFile() {
    return kerasNpzFile;
  }

  /** Keras keeps Fashion-MNIST as the four IDX .gz files in {@code fashion-mnist/}. */
  public Optional<String> kerasIdxDir() {
    return kerasIdxDir;
  }

  /** The Debian package that installs the IDX files, if there is one. */
  public Optional<String> debianPackage() {
    return debianPackage;
  }

  /** SHA-256 of Keras' {@code mnist.npz} file as Keras checks it after download. */
  public String npzSha256() {
    return npzSha256;
  }

  /** SHA-256 of the decompressed IDX content of one part. */
  public String contentSha256(Part part) {
    return contentSha256.get(part);
  }

  /** The ten class names, for legends: the digits, or Fashion-MNIST's clothing classes. */
  public List<String> classNames() {
    return this == MNIST
        ? List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")
        : List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot");
  }

  /** Parses a command-line name ({@code mnist}, {@code fashion}, {@code fashion-mnist}, any case). */
  public static DatasetName fromCliName(String name) {
    String n = name.trim().toLowerCase().replace('_', '-');
    if (n.equals("fashion-mnist")) {
      return FASHION_MNIST;
    }
    return Arrays.stream(values()).filter(d -> d.cliName.equals(n)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown dataset '" + name + "': use mnist or fashion"));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
