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
    return new DatasetLoader(user, keras, system, origin, log::add);
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
  void fashionFromTheStandardPlaces() {
    ImageData d = TestData.fashion();
    assertEquals(60000, d.train().count());
    int[] sixThousand = new int[10];
    Arrays.fill(sixThousand, 6000);
    assertArrayEquals(sixThousand, d.train().labelHistogram(10));
    int[] thousand = new int[10];
    Arrays.fill(thousand, 1000);
    assertArrayEquals(thousand, d.test().labelHistogram(10));
    assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, firstLabels(d.train(), 10));
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
  void kerasCacheComesBeforeSystemDirectory() throws IOException {
    Path keras = tmp.resolve("keras");
    linkIdx(fashionDir(), keras.resolve("fashion-mnist"));
    Path system = tmp.resolve("sys");
    Files.createDirectories(system.resolve("fashion-mnist"));
    ImageData d = loader(null, keras, system, null).load(DatasetName.FASHION_MNIST);
    assertTrue(d.source().startsWith("Keras cache"), d.source());
  }

  @Test
  void debianDirectoryIsTheLastLocalPlace() throws IOException {
    Path system = tmp.resolve("sys");
    linkIdx(fashionDir(), system.resolve("fashion-mnist"));
    ImageData d = loader(tmp.resolve("nothing"), tmp.resolve("keras"), system, null)
        .load(DatasetName.FASHION_MNIST);
    assertTrue(d.source().startsWith("Debian package dataset-fashion-mnist"), d.source());
  }

  @Test
  void notFoundListsEveryPlaceAndTheFixes() {
    Path user = tmp.resolve("mine");
    DatasetException e = assertThrows(DatasetException.class,
        () -> loader(user, tmp.resolve("keras"), tmp.resolve("sys"), null).load(DatasetName.FASHION_MNIST));
    String m = e.getMessage();
    assertTrue(m.startsWith("Could not find Fashion-MNIST"), m);
    assertTrue(m.contains("1. given path " + user + ": no such directory"), m);
    assertTrue(m.contains("given path " + user.resolve("fashion-mnist")), m);
    assertTrue(m.contains("Keras cache " + tmp.resolve("keras").resolve("fashion-mnist")), m);
    assertTrue(m.contains("Debian package dataset-fashion-mnist " + tmp.resolve("sys").resolve("fashion-mnist")), m);
    assertTrue(m.contains("5. download: switched off"), m);
    assertTrue(m.contains("--data-dir"), m);
    assertTrue(m.contains("apt-get install dataset-fashion-mnist"), m);
  }

  @Test
  void incompleteDirectoryNamesTheMissingFiles() throws IOException {
    Path dir = tmp.resolve("partial");
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("train-images-idx3-ubyte.gz"),
        TestData.mnistDir().resolve("train-images-idx3-ubyte.gz").toAbsolutePath());
    DatasetException e = assertThrows(DatasetException.class,
        () -> loader(dir, tmp.resolve("keras"), tmp.resolve("sys"), null).load(DatasetName.MNIST));
    assertTrue(e.getMessage().contains("missing train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,"
        + " t10k-labels-idx1-ubyte.gz"), e.getMessage());
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
    linkIdx(fashionDir(), keras);
    Path labels = keras.resolve("t10k-labels-idx1-ubyte.gz");
    Files.delete(labels);
    Files.write(labels, IdxTest.gzip(withOneLabelChanged(fashionDir().resolve("t10k-labels-idx1-ubyte.gz"))));
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

  private static Path fashionDir() {
    return DatasetLoader.DEBIAN_DATASETS.resolve("fashion-mnist");
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

  /** Serves the Debian Fashion-MNIST files, or the given replacement bodies. */
  private static HttpServer serve(Map<String, byte[]> replacements) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      String name = Path.of(ex.getRequestURI().getPath()).getFileName().toString();
      Path file = fashionDir().resolve(name);
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
