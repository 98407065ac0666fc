package org.genmodels.diffusion;

import java.util.Locale;
import java.util.function.Consumer;
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.ImageFolder;
import org.genmodels.shared.data.ImageSet;

/**
 * What a DDPM run trains on: MNIST or Fashion-MNIST (framed to the network's size in the graph),
 * or the images of a folder (RGB, resized to the network's size when read). A folder has no test
 * split: its first {@value #FOLDER_EVALUATION} images (or all, if fewer) give the loss that is
 * reported, so that number is a training loss.
 *
 * @param name    what the run key and the log call the data: {@code mnist}, {@code fashion} or
 *                {@code folder:<path>}
 * @param train   the training images (cut to {@code --train-limit})
 * @param test    the images the end-of-epoch loss is measured on
 * @param dataset the whole data set, for the judge; null for a folder
 */
record DiffusionData(String name, ImageSet train, ImageSet test, ImageData dataset) {
  /** Images of a folder whose loss is reported. */
  static final int FOLDER_EVALUATION = 500;

  /**
   * Loads what {@code s} names.
   *
   * @throws org.genmodels.shared.data.DatasetException when the data cannot be found or read
   */
  static DiffusionData load(DiffusionSettings s, Consumer<String> log) {
    if (s.imageDir() != null) {
      ImageSet all = ImageFolder.load(s.imageDir(), s.unet().imageSize());
      log.accept(String.format(Locale.ROOT, "Read %d images from %s, resized to %d × %d RGB",
          all.count(), s.imageDir(), s.unet().imageSize(), s.unet().imageSize()));
      return new DiffusionData("folder:" + s.imageDir().toAbsolutePath().normalize(), limit(all, s.trainLimit()),
          all.head(Math.min(all.count(), FOLDER_EVALUATION)), null);
    }
    ImageData d = DatasetLoader.standard(s.dataDir(), log).load(s.dataset());
    return new DiffusionData(d.name().cliName(), limit(d.train(), s.trainLimit()), d.test(), d);
  }

  private static ImageSet limit(ImageSet set, int limit) {
    return limit == 0 || limit >= set.count() ? set : set.head(limit);
  }
}
