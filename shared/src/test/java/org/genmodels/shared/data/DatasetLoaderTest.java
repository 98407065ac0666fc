package org.genmodels.shared.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.genmodels.shared.data.DatasetName.Part;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the loader looks, in which order, and what it says when it fails. */
class DatasetLoaderTest {
  @TempDir
  Path tmp;

  private final List<String> log = new ArrayList<>();

  private DatasetLoader loader(Path user, Path keras, Path system, URI origin) {
    return loader(user, null, keras, system, origin);
  }

  private DatasetLoader loader(Path user, Path env, Path keras, Path system, URI origin) {
    return new DatasetLoader(user, env, keras, system, origin, log::add);
  }

  @Test
  void mnistFromGivenDirectory() {
    ImageData d = loader(TestData.mnistDir(), tmp.resolve("keras"), tmp.resolve("sys"), null)
        .load(DatasetName.MNIST);
    assertEquals(60000, d.train().count());
    assertEquals(10000, d.test().count());
    assertEquals(28, d.train().height());
    assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
        d.train().labelHistogram(10));
    assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, firstLabels(d.test(), 10));
    assertTrue(d.source().startsWith("given path"), d.source());
  }

  @Test
  void fashionFromTheSharedDatasets() {
    ImageData d = TestData.fashion();
    assertEquals(60000, d.train().count());
    int[] sixThousand = new int[10];
    Arrays.fill(sixThousand, 6000);
    assertArrayEquals(sixThousand, d.train().labelHistogram(10));
    int[] thousand = new int[10];
    Arrays.fill(thousand, 1000);
    assertArrayEquals(thousand, d.test().labelHistogram(10));
    assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, firstLabels(d.train(), 10));
    assertEquals("given path " + TestData.fashionDir(), d.source());
  }

  @Test
  void givenPathComesBeforeKerasCache() throws IOException {
    Path keras = tmp.resolve("keras");
    Files.createDirectories(keras);
    Files.write(keras.resolve("mnist.npz"), new byte[] {1, 2, 3}); // would fail if read
    ImageData d = loader(TestData.mnistDir(), keras, tmp.resolve("sys"), null).load(DatasetName.MNIST);
    assertTrue(d.source().contains(TestData.mnistDir().toString()), d.source());
  }

  @Test
  void givenFolderOfDataSetsFindsEachOne() {
    Path datasets = TestData.datasetsDir();
    ImageData mnist = loader(datasets, tmp.resolve("k"), tmp.resolve("s"), null).load(DatasetName.MNIST);
    assertEquals("given path " + datasets.resolve("mnist"), mnist.source());
    assertEquals(5923, mnist.train().labelHistogram(10)[0]);
    ImageData fashion = loader(datasets, tmp.resolve("k"), tmp.resolve("s"), null).load(DatasetName.FASHION_MNIST);
    assertEquals("given path " + datasets.resolve("fashion-mnist"), fashion.source());
  }

  @Test
  void givenPathThatDoesNotExistIsAnErrorAndNothingElseIsTried() throws IOException {
    Path keras = tmp.resolve("keras");
    linkIdx(TestData.fashionDir(), keras.resolve("fashion-mnist")); // would be found if looked at
    Path missing = tmp.resolve("no-such-dir");
    DatasetException e = assertThrows(DatasetException.class,
        () -> loader(missing, TestData.datasetsDir(), keras, tmp.resolve("sys"), null)
            .load(DatasetName.FASHION_MNIST));
    assertTrue(e.getMessage().startsWith("The data path " + missing + " (--data-dir) does not exist."),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(" does not exist. Give a directory with the four IDX files"
        + " (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,"
        + " t10k-labels-idx1-ubyte.gz; .gz or not), or a directory holding fashion-mnist/ with those"
        + " files; or leave the path out to look in the standard places."), e.getMessage());
    assertFalse(e.getMessage().contains("Keras cache"), e.getMessage());
    assertEquals(List.of(), log);
  }

  @Test
  void givenDirectoryWithoutTheDataNamesWhatIsMissingAndNothingElseIsTried() throws IOException {
    Path dir = tmp.resolve("partial");
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("train-images-idx3-ubyte.gz"),
        TestData.fashionDir().resolve("train-images-idx3-ubyte.gz").toAbsolutePath());
    Path keras = tmp.resolve("keras");
    linkIdx(TestData.fashionDir(), keras.resolve("fashion-mnist")); // would be found if looked at
    DatasetException e = assertThrows(DatasetException.class,
        () -> loader(dir, TestData.datasetsDir(), keras, tmp.resolve("sys"), null).load(DatasetName.FASHION_MNIST));
    String m = e.getMessage();
    assertTrue(m.startsWith("The data path " + dir + " (--data-dir) holds no Fashion-MNIST. Looked for:\n"), m);
    assertTrue(m.contains("  - given path " + dir + ": missing train-labels-idx1-ubyte.gz,"
        + " t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz\n"), m);
    assertTrue(m.contains("  - given path " + dir.resolve("fashion-mnist") + ": no such directory\n"), m);
    assertFalse(m.contains("Keras cache") || m.contains("GENMODELS_DATA"), m);
    assertEquals(List.of(), log);
  }

  @Test
  void incompleteMnistDirectoryListsTheThreeFormsLookedFor() throws IOException {
    Path dir = tmp.resolve("partial");
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("train-images-idx3-ubyte.gz"),
        TestData.mnistDir().resolve("train-images-idx3-ubyte.gz").toAbsolutePath());
    DatasetException e = assertThrows(DatasetException.class,
        () -> loader(dir, tmp.resolve("keras"), tmp.resolve("sys"), URI.create("http://127.0.0.1:9/"))
            .load(DatasetName.MNIST));
    String m = e.getMessage();
    assertTrue(m.contains("given path " + dir + ": missing train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,"
        + " t10k-labels-idx1-ubyte.gz"), m);
    assertTrue(m.contains("given path " + dir.resolve("mnist.npz") + ": not found"), m);
    assertTrue(m.contains("given path " + dir.resolve("mnist") + ": no such directory"), m);
    assertTrue(m.endsWith("; .gz or not), a directory holding mnist.npz or mnist/ with those files,"
        + " or mnist.npz itself; or leave the path out to look in the standard places."), m);
    assertFalse(m.contains("download"), m);
  }

  @Test
  void genmodelsDataComesBeforeKerasCache() throws IOException {
    Path keras = tmp.resolve("keras");
    Files.createDirectories(keras);
    Files.write(keras.resolve("mnist.npz"), new byte[] {1, 2, 3}); // would fail if read
    ImageData d = loader(null, TestData.datasetsDir(), keras, tmp.resolve("sys"), null).load(DatasetName.MNIST);
    assertEquals("GENMODELS_DATA " + TestData.mnistDir(), d.source());
    assertEquals(List.of("MNIST: GENMODELS_DATA " + TestData.mnistDir()), log);
  }

  @Test
  void genmodelsDataWithoutTheDataSetIsPassedOverAndListed() throws IOException {
    Path env = tmp.resolve("env");
    linkIdx(TestData.mnistDir(), env.resolve("mnist"));
    Path keras = tmp.resolve("keras");
    linkIdx(TestData.fashionDir(), keras.resolve("fashion-mnist"));
    ImageData d = loader(null, env, keras, tmp.resolve("sys"), null).load(DatasetName.FASHION_MNIST);
    assertEquals("Keras cache " + keras.resolve("fashion-mnist"), d.source());
    assertTrue(log.get(0).startsWith("GENMODELS_DATA " + env.resolve("fashion-mnist") + ": no such directory"), log.toString());

    DatasetException e = assertThrows(DatasetException.class,
        () -> loader(null, env, tmp.resolve("k2"), tmp.resolve("sys"), null).load(DatasetName.FASHION_MNIST));
    assertTrue(e.getMessage().contains("1. GENMODELS_DATA " + env.resolve("fashion-mnist") + ": no such directory\n"),
        e.getMessage());
  }

  @Test
  void standardPlacesComeFromTheEnvironment() throws IOException {
    Path home = tmp.resolve("home");
    ImageData fromEnv = DatasetLoader.standard(null, Map.of("GENMODELS_DATA", TestData.datasetsDir().toString()),
        home, log::add).load(DatasetName.FASHION_MNIST);
    assertEquals("GENMODELS_DATA " + TestData.fashionDir(), fromEnv.source());

    Path kerasHome = tmp.resolve("kh");
    linkIdx(TestData.fashionDir(), kerasHome.resolve("datasets").resolve("fashion-mnist"));
    ImageData fromKerasHome = DatasetLoader.standard(null, Map.of("GENMODELS_DATA", " ",
        "KERAS_HOME", kerasHome.toString()), home, log::add).load(DatasetName.FASHION_MNIST);
    assertEquals("Keras cache " + kerasHome.resolve("datasets").resolve("fashion-mnist"), fromKerasHome.source());

    linkIdx(TestData.fashionDir(), home.resolve(".keras").resolve("datasets").resolve("fashion-mnist"));
    ImageData fromHome = DatasetLoader.standard(null, Map.of(), home, log::add).load(DatasetName.FASHION_MNIST);
    assertEquals("Keras cache " + home.resolve(".keras/datasets/fashion-mnist"), fromHome.source());
  }

  @Test
  void kerasCacheComesBeforeSystemDirectory() throws IOException {
    Path keras = tmp.resolve("keras");
    linkIdx(TestData.fashionDir(), keras.resolve("fashion-mnist"));
    Path system = tmp.resolve("sys");
    Files.createDirectories(system.resolve("fashion-mnist"));
    ImageData d = loader(null, keras, system, null).load(DatasetName.FASHION_MNIST);
    assertTrue(d.source().startsWith("Keras cache"), d.source());
  }

  @Test
  void debianDirectoryIsTheLastLocalPlace() throws IOException {
    Path system = tmp.resolve("sys");
    linkIdx(TestData.fashionDir(), system.resolve("fashion-mnist"));
    ImageData d = loader(null, tmp.resolve("env"), tmp.resolve("keras"), system, null)
        .load(DatasetName.FASHION_MNIST);
    assertEquals("Debian package dataset-fashion-mnist " + system.resolve("fashion-mnist"), d.source());
  }

  @Test
  void notFoundListsEveryPlaceInOrderAndTheFixes() {
    Path env = tmp.resolve("no-env");
    DatasetException e = assertThrows(DatasetException.class,
        () -> loader(null, env, tmp.resolve("keras"), tmp.resolve("sys"), null).load(DatasetName.FASHION_MNIST));
    String m = e.getMessage();
    assertTrue(m.startsWith("Could not find Fashion-MNIST. Places tried:\n"
        + "  1. GENMODELS_DATA " + env + ": no such directory\n"
        + "  2. Keras cache " + tmp.resolve("keras").resolve("fashion-mnist") + ": no such directory\n"
        + "  3. Debian package dataset-fashion-mnist " + tmp.resolve("sys").resolve("fashion-mnist")
        + ": no such directory\n"
        + "  4. download: switched off\n"), m);
    assertTrue(m.contains("--data-dir"), m);
    assertTrue(m.contains("set GENMODELS_DATA to a folder holding fashion-mnist/"), m);
    assertTrue(m.contains("apt-get install dataset-fashion-mnist"), m);
    assertEquals(List.of("GENMODELS_DATA " + env + ": no such directory; looking further"), log);
  }

  @Test
  void mnistFilesAskedForAsFashionAreRecognised() {
    DatasetException e = assertThrows(DatasetException.class,
        () -> loader(TestData.mnistDir(), tmp.resolve("k"), tmp.resolve("s"), null).load(DatasetName.FASHION_MNIST));
    assertTrue(e.getMessage().contains("is not Fashion-MNIST train-images-idx3-ubyte"), e.getMessage());
    assertTrue(e.getMessage().contains("It holds MNIST"), e.getMessage());
  }

  @Test
  void corruptFileInCacheIsAnErrorNamingIt() throws IOException {
    Path keras = tmp.resolve("keras").resolve("fashion-mnist");
    linkIdx(TestData.fashionDir(), keras);
    Path labels = keras.resolve("t10k-labels-idx1-ubyte.gz");
    Files.delete(labels);
    Files.write(labels, IdxTest.gzip(withOneLabelChanged(TestData.fashionDir().resolve("t10k-labels-idx1-ubyte.gz"))));
    DatasetException e = assertThrows(DatasetException.class,
        () -> loader(null, tmp.resolve("keras"), tmp.resolve("sys"), null).load(DatasetName.FASHION_MNIST));
    assertTrue(e.getMessage().startsWith(labels + " is not Fashion-MNIST t10k-labels-idx1-ubyte"), e.getMessage());
    assertTrue(e.getMessage().contains("delete it"), e.getMessage());
  }

  @Test
  void downloadsIntoKerasCacheAndVerifies() throws IOException {
    HttpServer server = serve(Map.of());
    try {
      Path keras = tmp.resolve("keras");
      ImageData d = loader(null, keras, tmp.resolve("sys"), origin(server)).load(DatasetName.FASHION_MNIST);
      assertEquals(60000, d.train().count());
      for (Part p : Part.values()) {
        assertTrue(Files.isRegularFile(keras.resolve("fashion-mnist").resolve(p.gzFileName())));
      }
      assertTrue(d.source().startsWith("downloaded to Keras cache"), d.source());
      assertTrue(log.stream().anyMatch(l -> l.startsWith("Downloading http://")), log.toString());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void corruptDownloadLeavesNothingBehind() throws IOException {
    byte[] bad = IdxTest.gzip(IdxTest.idx(new int[] {10000}, new byte[10000]));
    HttpServer server = serve(Map.of("t10k-labels-idx1-ubyte.gz", bad));
    try {
      Path keras = tmp.resolve("keras");
      DatasetException e = assertThrows(DatasetException.class,
          () -> loader(null, keras, tmp.resolve("sys"), origin(server)).load(DatasetName.FASHION_MNIST));
      assertTrue(e.getMessage().contains("is not Fashion-MNIST t10k-labels-idx1-ubyte"), e.getMessage());
      try (var files = Files.list(keras.resolve("fashion-mnist"))) {
        assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("t10k-labels")
            || f.getFileName().toString().endsWith(".tmp")));
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void failedDownloadIsListedWithThePlacesTried() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      ex.sendResponseHeaders(404, -1);
      ex.close();
    });
    server.start();
    try {
      DatasetException e = assertThrows(DatasetException.class,
          () -> loader(null, tmp.resolve("keras"), tmp.resolve("sys"), origin(server)).load(DatasetName.MNIST));
      assertTrue(e.getMessage().contains("2. download from " + origin(server) + ": IOException: HTTP 404"), e.getMessage());
      assertFalse(Files.exists(tmp.resolve("keras").resolve("mnist.npz")));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void unknownHostIsNamedInThePlacesTried() {
    // .invalid never resolves (RFC 2606), so this fails as on a machine without network
    URI origin = URI.create("http://genmodels-no-such-host.invalid/datasets/");
    DatasetException e = assertThrows(DatasetException.class,
        () -> loader(null, tmp.resolve("keras"), tmp.resolve("sys"), origin).load(DatasetName.MNIST));
    assertTrue(e.getMessage().contains("2. download from " + origin
        + ": host genmodels-no-such-host.invalid not found (no network, or no name server)\n"), e.getMessage());
  }

  @Test
  void readsKerasNpzWithTheSameContent() throws IOException {
    ImageData idx = TestData.mnist();
    Path npz = tmp.resolve("mnist.npz");
    writeNpz(npz, idx);
    ImageData fromNpz = loader(npz, tmp.resolve("k"), tmp.resolve("s"), null).load(DatasetName.MNIST);
    assertArrayEquals(idx.train().pixels(), fromNpz.train().pixels());
    assertArrayEquals(idx.test().labels(), fromNpz.test().labels());
    // a directory holding mnist.npz works too, as Keras' cache does
    ImageData fromDir = loader(tmp, tmp.resolve("k"), tmp.resolve("s"), null).load(DatasetName.MNIST);
    assertEquals(npz.toString(), fromDir.source().replace("given path ", ""));
  }

  @Test
  void truncatedNpzIsAnErrorNamingTheFile() throws IOException {
    Path npz = tmp.resolve("mnist.npz");
    writeNpz(npz, TestData.mnist());
    byte[] bytes = Files.readAllBytes(npz);
    Files.write(npz, Arrays.copyOf(bytes, bytes.length / 3));
    DatasetException e = assertThrows(DatasetException.class,
        () -> loader(npz, tmp.resolve("k"), tmp.resolve("s"), null).load(DatasetName.MNIST));
    assertTrue(e.getMessage().contains(npz.toString()), e.getMessage());
  }

  @Test
  void npzWithACommentThatIsNotUtf8IsUnreadable() throws IOException {
    Path npz = tmp.resolve("mnist.npz");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
      ZipEntry entry = new ZipEntry("x_train.npy");
      entry.setComment("COMMENT#");
      zip.putNextEntry(entry);
      zip.closeEntry();
    }
    byte[] bytes = Files.readAllBytes(npz);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    bytes[text.indexOf("COMMENT#") + 7] = (byte) 0xff;
    Files.write(npz, bytes);
    DatasetException e = assertThrows(DatasetException.class, () -> KerasNpz.read(npz));
    assertTrue(e.getMessage().startsWith(npz + " is not a readable .npz (zip) archive (an entry's name or comment"
        + " is not valid UTF-8"), e.getMessage());
  }

  /** An npz as numpy writes it: each array an .npy with a version 1.0 header padded to 64 bytes. */
  private static void writeNpz(Path file, ImageData d) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      entry(zip, "x_train.npy", "(60000, 28, 28)", d.train().pixels());
      entry(zip, "y_train.npy", "(60000,)", d.train().labels());
      entry(zip, "x_test.npy", "(10000, 28, 28)", d.test().pixels());
      entry(zip, "y_test.npy", "(10000,)", d.test().labels());
    }
  }

  private static void entry(ZipOutputStream zip, String name, String shape, byte[] data) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': " + shape + ", }";
    int total = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(header.length() & 0xFF);
    out.write(header.length() >> 8);
    out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
    zip.write(out.toByteArray());
    zip.write(data);
    zip.closeEntry();
  }

  private static void linkIdx(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (Part p : Part.values()) {
      Files.createSymbolicLink(to.resolve(p.gzFileName()), from.resolve(p.gzFileName()).toAbsolutePath());
    }
  }

  /** The IDX bytes of a label file with its 13th label changed: valid IDX, wrong content. */
  private static byte[] withOneLabelChanged(Path labels) {
    byte[] raw = IdxTest.idx(new int[] {10000}, Idx.read(labels, 1).data());
    raw[20] = (byte) ((raw[20] + 1) % 10);
    return raw;
  }

  /** Serves the Fashion-MNIST files of ../shared/datasets, or the given replacement bodies. */
  private static HttpServer serve(Map<String, byte[]> replacements) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      String name = Path.of(ex.getRequestURI().getPath()).getFileName().toString();
      Path file = TestData.fashionDir().resolve(name);
      byte[] body = replacements.containsKey(name) ? replacements.get(name)
          : Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
      } else {
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
      ex.close();
    });
    server.start();
    return server;
  }

  private static URI origin(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/datasets/");
  }

  private static int[] firstLabels(ImageSet set, int n) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = set.label(i);
    }
    return labels;
  }
}
