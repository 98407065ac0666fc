package org.genmodels.shared.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The data-location option every model's command shares. */
public final class DataOptions {
  @Option(names = "--data-dir", paramLabel = "PATH",
      description = "Where the data set is: a directory with the four IDX files (.gz or not), a"
          + " directory holding mnist.npz, mnist/ or fashion-mnist/, or an npz file. A given PATH"
          + " must hold the data set; nothing else is tried. Without it, in order: 1. $GENMODELS_DATA/mnist"
          + " or $GENMODELS_DATA/fashion-mnist (./genmodels and mvn exec:exec set an unset GENMODELS_DATA"
          + " to ../shared/datasets when that exists), 2. Keras' cache ($KERAS_HOME/datasets or"
          + " ~/.keras/datasets), 3. Debian's /usr/share/datasets/fashion-mnist, 4. a download into Keras' cache.")
  public Path dataDir;
}
