package org.genmodels.shared.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Consumer;
import org.genmodels.shared.io.AtomicFiles;

/**
 * Downloads a file into place the way Keras' {@code get_file} does, but atomically: the body goes
 * to a temporary file beside the target, is verified, and only then renamed onto the target, so an
 * interrupted or corrupt download never leaves a file that looks complete. Thread-safe.
 */
public final class Downloader {
  /** Checks a downloaded file; throws {@link DatasetException} when it is not the expected one. */
  @FunctionalInterface
  public interface Verifier {
    void verify(Path downloaded);
  }

  private final HttpClient client;
  private final Consumer<String> log;

  public Downloader(Consumer<String> log) {
    this.client = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .proxy(ProxySelector.getDefault())
        .build();
    this.log = log;
  }

  /**
   * Fetches {@code url} into {@code target}, creating its directory.
   *
   * @throws IOException when the transfer fails (the target is left as it was)
   * @throws DatasetException when the verifier rejects the file (nothing is left behind)
   */
  public void download(URI url, Path target, Verifier verifier) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    log.accept("Downloading " + url + " to " + target);
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET().build();
    AtomicFiles.write(target, temp -> {
      HttpResponse<InputStream> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("download of " + url + " interrupted", e);
      }
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
        Files.copy(body, temp, StandardCopyOption.REPLACE_EXISTING);
      }
      verifier.verify(temp);
    });
  }
}
