package org.genmodels.shared.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The data-location option every model's command shares. */
public final class DataOptions {
  @Option(names = "--data-dir", paramLabel = "PATH",
      description = "Where the data set is: a directory with the four IDX .gz files, a directory"
          + " holding mnist.npz or fashion-mnist/, or an npz file. Without it: Keras' cache"
          + " (~/.keras/datasets), Debian's /usr/share/datasets, then a download into Keras' cache.")
  public Path dataDir;
}
