package org.genmodels.shared.data;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.genmodels.shared.data.DatasetName.Part;

/**
 * Finds, verifies and reads MNIST and Fashion-MNIST, looking where a Keras user's data already is.
 *
 * <p>A path the user gives is the only place looked at: it must exist and hold the data set, else
 * the error names the path and what is missing. It may be a directory with the four IDX files
 * ({@code .gz} or not), a directory holding {@code mnist.npz} or a data set's folder
 * ({@code mnist/}, {@code fashion-mnist/}), or an npz file.
 *
 * <p>Without a given path, the places, in order:
 * <ol>
 *   <li>{@code $GENMODELS_DATA/mnist/} or {@code $GENMODELS_DATA/fashion-mnist/}: a folder of data
 *       sets named by the environment, as {@code TFDS_DATA_DIR} and {@code TORCH_HOME} are (the
 *       Maven run sets it to {@code ../shared/datasets} beside the checkout);</li>
 *   <li>Keras' cache, {@code $KERAS_HOME/datasets} or {@code ~/.keras/datasets}, in Keras' layout
 *       ({@code mnist.npz}, {@code fashion-mnist/*.gz});</li>
 *   <li>Debian's {@code /usr/share/datasets/fashion-mnist/} (package {@code dataset-fashion-mnist});</li>
 *   <li>a download from Keras' origin into Keras' cache, checked before it is put in place.</li>
 * </ol>
 * A place that lacks the data is skipped (and listed if nothing is found); a place that has files
 * which fail the check is an error. Every file read is checked against the SHA-256 of its content,
 * so a corrupt or wrong file is an error naming that file, never silent garbage. When nothing is
 * found, the error lists every place tried and how to fix it. Thread-safe.
 */
public final class DatasetLoader {
  /** Where Debian's dataset packages install their files. */
  public static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");

  /** The environment variable naming a folder that holds {@code mnist/} and/or {@code fashion-mnist/}. */
  public static final String DATA_ENV = "GENMODELS_DATA";

  private final Path userPath;
  private final Path envData;
  private final Path kerasCache;
  private final Path systemDatasets;
  private final URI origin;
  private final Downloader downloader;
  private final Consumer<String> log;

  /**
   * @param userPath       the user's path, or null; when given, the only place looked at
   * @param envData        the folder {@code $GENMODELS_DATA} names, or null when it is not set
   * @param kerasCache     Keras' datasets directory
   * @param systemDatasets the directory holding Debian's dataset packages
   * @param origin         base URL to download from, or null to never download
   * @param log            receives one line per notable event (download, source chosen)
   */
  public DatasetLoader(Path userPath, Path envData, Path kerasCache, Path systemDatasets, URI origin,
      Consumer<String> log) {
    this.userPath = userPath;
    this.envData = envData;
    this.kerasCache = kerasCache;
    this.systemDatasets = systemDatasets;
    this.origin = origin;
    this.downloader = new Downloader(log);
    this.log = log;
  }

  /** The standard places of this process' environment, downloading from Keras' origin when needed. */
  public static DatasetLoader standard(Path userPath, Consumer<String> log) {
    return standard(userPath, System.getenv(), Path.of(System.getProperty("user.home")), log);
  }

  /** The standard places as {@code environment} and the home directory {@code home} define them. */
  static DatasetLoader standard(Path userPath, Map<String, String> environment, Path home,
      Consumer<String> log) {
    String data = environment.get(DATA_ENV);
    return new DatasetLoader(userPath, data == null || data.isBlank() ? null : Path.of(data),
        kerasCache(environment, home), DEBIAN_DATASETS, URI.create(DatasetName.KERAS_ORIGIN), log);
  }

  private static Path kerasCache(Map<String, String> environment, Path home) {
    String kerasHome = environment.get("KERAS_HOME");
    Path base = kerasHome != null && !kerasHome.isBlank() ? Path.of(kerasHome) : home.resolve(".keras");
    return base.resolve("datasets");
  }

  /**
   * Loads both splits of {@code name}.
   *
   * @throws DatasetException when the given path lacks the data, no place has it, or a file found
   *     is corrupt
   */
  public ImageData load(DatasetName name) {
    ImageData data = userPath != null ? loadGiven(name) : search(name);
    log.accept(name.displayName() + ": " + data.source());
    return data;
  }

  /** The user's path alone: what they point at is what they mean, so nothing else is tried. */
  private ImageData loadGiven(DatasetName name) {
    if (!Files.exists(userPath)) {
      throw new DatasetException("The data path " + userPath + " (--data-dir) does not exist. "
          + givenPathHelp(name));
    }
    List<String> tried = new ArrayList<>();
    for (DataPlace candidate : givenPlaces(name)) {
      Optional<String> missing = candidate.missing();
      if (missing.isEmpty()) {
        return candidate.read(name);
      }
      tried.add(candidate.describe() + ": " + missing.get());
    }
    StringBuilder msg = new StringBuilder("The data path ").append(userPath)
        .append(" (--data-dir) holds no ").append(name.displayName()).append(". Looked for:\n");
    for (String t : tried) {
      msg.append("  - ").append(t).append('\n');
    }
    throw new DatasetException(msg.append(givenPathHelp(name)).toString());
  }

  private static String givenPathHelp(DatasetName name) {
    StringBuilder msg = new StringBuilder("Give a directory with the four IDX files (");
    for (Part part : Part.values()) {
      msg.append(part.gzFileName()).append(part.ordinal() < 3 ? ", " : "; .gz or not), ");
    }
    String folder = name.dirName() + "/ with those files";
    name.kerasNpzFile().ifPresentOrElse(
        f -> msg.append("a directory holding ").append(f).append(" or ").append(folder)
            .append(", or ").append(f).append(" itself"),
        () -> msg.append("or a directory holding ").append(folder));
    return msg.append("; or leave the path out to look in the standard places.").toString();
  }

  private ImageData search(DatasetName name) {
    List<String> tried = new ArrayList<>();
    List<DataPlace> candidates = new ArrayList<>();
    if (envData != null) {
      if (Files.isDirectory(envData)) {
        candidates.add(new DataPlace.IdxDir(envData.resolve(name.dirName()), DATA_ENV));
      } else {
        tried.add(DATA_ENV + " " + envData + ": no such directory");
        log.accept(DATA_ENV + " " + envData + ": no such directory; looking further");
      }
    }
    name.kerasNpzFile().ifPresent(f -> candidates.add(new DataPlace.Npz(kerasCache.resolve(f), "Keras cache")));
    name.kerasIdxDir().ifPresent(d -> candidates.add(new DataPlace.IdxDir(kerasCache.resolve(d), "Keras cache")));
    name.debianPackage().ifPresent(pkg -> name.kerasIdxDir().ifPresent(d -> candidates.add(
        new DataPlace.IdxDir(systemDatasets.resolve(d), "Debian package " + pkg))));
    for (DataPlace candidate : candidates) {
      Optional<String> missing = candidate.missing();
      if (missing.isEmpty()) {
        return candidate.read(name);
      }
      tried.add(candidate.describe() + ": " + missing.get());
      if (candidate instanceof DataPlace.IdxDir d && d.kind().equals(DATA_ENV)) {
        // the user set it, so say why it was passed over
        log.accept(candidate.describe() + ": " + missing.get() + "; looking further");
      }
    }
    if (origin != null) {
      try {
        return download(name);
      } catch (IOException e) {
        tried.add("download from " + origin + ": " + describe(e));
      }
    } else {
      tried.add("download: switched off");
    }
    throw new DatasetException(notFoundMessage(name, tried));
  }

  /** An I/O failure in a few words; network errors often come without a message. */
  private String describe(IOException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
        return "host " + origin.getHost() + " not found (no network, or no name server)";
      }
    }
    Throwable t = e;
    while (t.getMessage() == null && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  private List<DataPlace> givenPlaces(DatasetName name) {
    List<DataPlace> list = new ArrayList<>();
    if (!Files.isDirectory(userPath)) {
      list.add(new DataPlace.Npz(userPath, "given path"));
      return list;
    }
    list.add(new DataPlace.IdxDir(userPath, "given path"));
    name.kerasNpzFile().ifPresent(f -> list.add(new DataPlace.Npz(userPath.resolve(f), "given path")));
    list.add(new DataPlace.IdxDir(userPath.resolve(name.dirName()), "given path"));
    return list;
  }

  private ImageData download(DatasetName name) throws IOException {
    if (name.kerasNpzFile().isPresent()) {
      Path target = kerasCache.resolve(name.kerasNpzFile().get());
      downloader.download(origin.resolve(name.kerasNpzFile().get()), target,
          file -> DatasetChecks.verifyNpz(name, file, KerasNpz.read(file)));
      return new DataPlace.Npz(target, "downloaded to Keras cache").read(name);
    }
    Path dir = kerasCache.resolve(name.kerasIdxDir().orElseThrow());
    for (Part part : Part.values()) {
      Path target = dir.resolve(part.gzFileName());
      if (Files.isRegularFile(target)) {
        continue;
      }
      downloader.download(origin.resolve(part.gzFileName()), target,
          file -> DatasetChecks.verifyContent(name, part, file, Idx.read(file, part.rank()).sha256()));
    }
    return new DataPlace.IdxDir(dir, "downloaded to Keras cache").read(name);
  }

  private String notFoundMessage(DatasetName name, List<String> tried) {
    StringBuilder msg = new StringBuilder("Could not find ").append(name.displayName())
        .append(". Places tried:\n");
    for (int i = 0; i < tried.size(); i++) {
      msg.append("  ").append(i + 1).append(". ").append(tried.get(i)).append('\n');
    }
    msg.append("Fix it in one of these ways:\n")
        .append("  - pass --data-dir DIR, where DIR holds ");
    name.kerasNpzFile().ifPresent(f -> msg.append(f).append(" or "));
    msg.append("the four IDX files (");
    for (Part part : Part.values()) {
      msg.append(part.gzFileName()).append(part.ordinal() < 3 ? ", " : ")\n");
    }
    msg.append("  - set ").append(DATA_ENV).append(" to a folder holding ").append(name.dirName())
        .append("/ with those files\n");
    msg.append("  - put them where Keras keeps them: ").append(kerasCache.resolve(
        name.kerasNpzFile().orElseGet(() -> name.kerasIdxDir().orElseThrow()))).append('\n');
    name.debianPackage().ifPresent(pkg ->
        msg.append("  - install the Debian package: apt-get install ").append(pkg).append('\n'));
    msg.append("  - allow this machine to reach ").append(DatasetName.KERAS_ORIGIN)
        .append(" so that the files can be downloaded");
    return msg.toString();
  }
}
