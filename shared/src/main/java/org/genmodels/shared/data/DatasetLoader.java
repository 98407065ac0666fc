package org.genmodels.shared.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.genmodels.shared.data.DatasetName.Part;

/**
 * Finds, verifies and reads MNIST and Fashion-MNIST, looking where a Keras user's data already is.
 * The places, in order:
 * <ol>
 *   <li>the path the user gave: a directory with the four IDX files ({@code .gz} or not), a
 *       directory holding {@code mnist.npz} or Keras' {@code fashion-mnist/}, or an npz file;</li>
 *   <li>Keras' cache, {@code $KERAS_HOME/datasets} or {@code ~/.keras/datasets}, in Keras' layout
 *       ({@code mnist.npz}, {@code fashion-mnist/*.gz});</li>
 *   <li>Debian's {@code /usr/share/datasets/fashion-mnist/} (package {@code dataset-fashion-mnist});</li>
 *   <li>a download from Keras' origin into Keras' cache, checked before it is put in place.</li>
 * </ol>
 * Every file read is checked against the SHA-256 of its content, so a corrupt or wrong file is an
 * error naming that file, never silent garbage. When nothing is found, the error lists every place
 * tried and how to fix it. Thread-safe.
 */
public final class DatasetLoader {
  /** Where Debian's dataset packages install their files. */
  public static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");

  private final Path userPath;
  private final Path kerasCache;
  private final Path systemDatasets;
  private final URI origin;
  private final Downloader downloader;
  private final Consumer<String> log;

  /**
   * @param userPath       the user's path, or null
   * @param kerasCache     Keras' datasets directory
   * @param systemDatasets the directory holding Debian's dataset packages
   * @param origin         base URL to download from, or null to never download
   * @param log            receives one line per notable event (download, source chosen)
   */
  public DatasetLoader(Path userPath, Path kerasCache, Path systemDatasets, URI origin,
      Consumer<String> log) {
    this.userPath = userPath;
    this.kerasCache = kerasCache;
    this.systemDatasets = systemDatasets;
    this.origin = origin;
    this.downloader = new Downloader(log);
    this.log = log;
  }

  /** The standard places, downloading from Keras' origin when needed. */
  public static DatasetLoader standard(Path userPath, Consumer<String> log) {
    return new DatasetLoader(userPath, defaultKerasCache(), DEBIAN_DATASETS,
        URI.create(DatasetName.KERAS_ORIGIN), log);
  }

  /** {@code $KERAS_HOME/datasets}, else {@code ~/.keras/datasets}, as Keras resolves it. */
  public static Path defaultKerasCache() {
    String kerasHome = System.getenv("KERAS_HOME");
    Path base = kerasHome != null && !kerasHome.isBlank()
        ? Path.of(kerasHome) : Path.of(System.getProperty("user.home"), ".keras");
    return base.resolve("datasets");
  }

  /**
   * Loads both splits of {@code name}.
   *
   * @throws DatasetException when no place has the data or a file found is corrupt
   */
  public ImageData load(DatasetName name) {
    List<String> tried = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    if (userPath != null) {
      candidates.addAll(userCandidates(name));
    }
    name.kerasNpzFile().ifPresent(f -> candidates.add(new Npz(kerasCache.resolve(f), "Keras cache")));
    name.kerasIdxDir().ifPresent(d -> candidates.add(new IdxDir(kerasCache.resolve(d), "Keras cache")));
    name.debianPackage().ifPresent(pkg -> name.kerasIdxDir().ifPresent(d -> candidates.add(
        new IdxDir(systemDatasets.resolve(d), "Debian package " + pkg))));
    for (Candidate candidate : candidates) {
      Optional<String> missing = candidate.missing();
      if (missing.isPresent()) {
        tried.add(candidate.describe() + ": " + missing.get());
        continue;
      }
      ImageData data = candidate.read(name);
      log.accept(name.displayName() + ": " + data.source());
      return data;
    }
    if (origin != null) {
      try {
        ImageData data = download(name);
        log.accept(name.displayName() + ": " + data.source());
        return data;
      } catch (IOException e) {
        tried.add("download from " + origin + ": " + describe(e));
      }
    } else {
      tried.add("download: switched off");
    }
    throw new DatasetException(notFoundMessage(name, tried));
  }

  /** An I/O failure in a few words; network errors often come without a message. */
  private static String describe(IOException e) {
    Throwable t = e;
    while (t.getMessage() == null && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  private List<Candidate> userCandidates(DatasetName name) {
    List<Candidate> list = new ArrayList<>();
    if (Files.isRegularFile(userPath)) {
      list.add(new Npz(userPath, "given path"));
      return list;
    }
    list.add(new IdxDir(userPath, "given path"));
    name.kerasNpzFile().ifPresent(f -> list.add(new Npz(userPath.resolve(f), "given path")));
    name.kerasIdxDir().ifPresent(d -> list.add(new IdxDir(userPath.resolve(d), "given path")));
    return list;
  }

  private ImageData download(DatasetName name) throws IOException {
    if (name.kerasNpzFile().isPresent()) {
      Path target = kerasCache.resolve(name.kerasNpzFile().get());
      downloader.download(origin.resolve(name.kerasNpzFile().get()), target,
          file -> verifyNpz(name, file, KerasNpz.read(file)));
      return new Npz(target, "downloaded to Keras cache").read(name);
    }
    Path dir = kerasCache.resolve(name.kerasIdxDir().orElseThrow());
    for (Part part : Part.values()) {
      Path target = dir.resolve(part.gzFileName());
      if (Files.isRegularFile(target)) {
        continue;
      }
      downloader.download(origin.resolve(part.gzFileName()), target,
          file -> verifyContent(name, part, file, Idx.read(file, part.rank()).sha256()));
    }
    return new IdxDir(dir, "downloaded to Keras cache").read(name);
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
    msg.append("  - put them where Keras keeps them: ").append(kerasCache.resolve(
        name.kerasNpzFile().orElseGet(() -> name.kerasIdxDir().orElseThrow()))).append('\n');
    name.debianPackage().ifPresent(pkg ->
        msg.append("  - install the Debian package: apt-get install ").append(pkg).append('\n'));
    msg.append("  - allow this machine to reach ").append(DatasetName.KERAS_ORIGIN)
        .append(" so that the files can be downloaded");
    return msg.toString();
  }

  /** A place that may hold the data set. */
  private interface Candidate {
    /** Why this place has no data, or empty when it has the files (which may still be corrupt). */
    Optional<String> missing();

    String describe();

    ImageData read(DatasetName name);
  }

  private final class IdxDir implements Candidate {
    private final Path dir;
    private final String kind;

    IdxDir(Path dir, String kind) {
      this.dir = dir;
      this.kind = kind;
    }

    @Override
    public String describe() {
      return kind + " " + dir;
    }

    @Override
    public Optional<String> missing() {
      if (!Files.isDirectory(dir)) {
        return Optional.of("no such directory");
      }
      List<String> absent = new ArrayList<>();
      for (Part part : Part.values()) {
        if (file(part).isEmpty()) {
          absent.add(part.gzFileName());
        }
      }
      return absent.isEmpty() ? Optional.empty() : Optional.of("missing " + String.join(", ", absent));
    }

    private Optional<Path> file(Part part) {
      for (String fileName : List.of(part.gzFileName(), part.fileName())) {
        Path f = dir.resolve(fileName);
        if (Files.isRegularFile(f)) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }

    @Override
    public ImageData read(DatasetName name) {
      Map<Part, Idx.Array> arrays = new EnumMap<>(Part.class);
      for (Part part : Part.values()) {
        Path f = file(part).orElseThrow();
        Idx.Array array = Idx.read(f, part.rank());
        verifyContent(name, part, f, array.sha256());
        arrays.put(part, array);
      }
      return assemble(name, arrays, kind + " " + dir);
    }
  }

  private final class Npz implements Candidate {
    private final Path file;
    private final String kind;

    Npz(Path file, String kind) {
      this.file = file;
      this.kind = kind;
    }

    @Override
    public String describe() {
      return kind + " " + file;
    }

    @Override
    public Optional<String> missing() {
      return Files.isRegularFile(file) ? Optional.empty() : Optional.of("not found");
    }

    @Override
    public ImageData read(DatasetName name) {
      KerasNpz.Contents c = KerasNpz.read(file);
      verifyNpz(name, file, c);
      Map<Part, Idx.Array> arrays = new EnumMap<>(Part.class);
      arrays.put(Part.TRAIN_IMAGES, c.trainImages());
      arrays.put(Part.TRAIN_LABELS, c.trainLabels());
      arrays.put(Part.TEST_IMAGES, c.testImages());
      arrays.put(Part.TEST_LABELS, c.testLabels());
      return assemble(name, arrays, kind + " " + file);
    }
  }

  /**
   * An npz is accepted when the file is Keras' (its SHA-256) or its arrays equal the IDX
   * originals (the same data saved by another numpy).
   */
  private static void verifyNpz(DatasetName name, Path file, KerasNpz.Contents c) {
    if (name.npzSha256() != null && name.npzSha256().equals(fileSha256(file))) {
      return;
    }
    verifyContent(name, Part.TRAIN_IMAGES, file, c.trainImages().sha256());
    verifyContent(name, Part.TRAIN_LABELS, file, c.trainLabels().sha256());
    verifyContent(name, Part.TEST_IMAGES, file, c.testImages().sha256());
    verifyContent(name, Part.TEST_LABELS, file, c.testLabels().sha256());
  }

  private static void verifyContent(DatasetName name, Part part, Path file, String sha256) {
    if (name.contentSha256(part).equals(sha256)) {
      return;
    }
    String other = "";
    for (DatasetName d : DatasetName.values()) {
      if (d != name && d.contentSha256(part).equals(sha256)) {
        other = " It holds " + d.displayName() + " " + part.fileName() + " instead: point "
            + name.displayName() + " at a directory with its own files.";
      }
    }
    throw new DatasetException(file + " is not " + name.displayName() + " " + part.fileName()
        + ": its decompressed content has SHA-256 " + sha256 + ", expected "
        + name.contentSha256(part) + "." + (other.isEmpty()
            ? " The file is corrupt or modified: delete it so that a good copy is found or downloaded."
            : other));
  }

  private static String fileSha256(Path file) {
    MessageDigest sha = Idx.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static ImageData assemble(DatasetName name, Map<Part, Idx.Array> a, String source) {
    return new ImageData(name, imageSet(a.get(Part.TRAIN_IMAGES), a.get(Part.TRAIN_LABELS)),
        imageSet(a.get(Part.TEST_IMAGES), a.get(Part.TEST_LABELS)), source);
  }

  private static ImageSet imageSet(Idx.Array images, Idx.Array labels) {
    int[] d = images.dims();
    return new ImageSet(d[0], d[1], d[2], images.data(), labels.data());
  }
}
