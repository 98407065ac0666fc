package org.genmodels.shared.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * The MNIST files beside the checkout are the published ones: their .gz md5s begin as
 * ../shared/datasets/README.md says and their sha256s are those of SHA256SUMS.
 */
class SharedDatasetFilesTest {
  @Test
  void gzipMd5sMatchTheReadme() throws Exception {
    Map<String, String> md5Prefix = Map.of(
        "train-images-idx3-ubyte.gz", "f68b3c2d",
        "train-labels-idx1-ubyte.gz", "d53e105e",
        "t10k-images-idx3-ubyte.gz", "9fb629c4",
        "t10k-labels-idx1-ubyte.gz", "ec29112d");
    for (var e : md5Prefix.entrySet()) {
      String md5 = digest("MD5", TestData.mnistDir().resolve(e.getKey()));
      assertTrue(md5.startsWith(e.getValue()), e.getKey() + " md5 " + md5);
    }
  }

  @Test
  void sha256sumsMatch() throws Exception {
    List<String> lines = Files.readAllLines(TestData.mnistDir().resolve("SHA256SUMS"));
    assertEquals(4, lines.size());
    for (String line : lines) {
      String[] parts = line.trim().split("\\s+");
      assertEquals(parts[0], digest("SHA-256", TestData.mnistDir().resolve(parts[1])), parts[1]);
    }
  }

  private static String digest(String algorithm, Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
  }
}
