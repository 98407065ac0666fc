package org.genmodels.shared.weights;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip archive read record by record, where every complaint about a damaged archive is a
 * {@link ZipException}. The JDK's {@link ZipFile} checks entry names when it opens a file but
 * decodes an entry's comment only when the entry is looked up, and then throws an unchecked
 * {@link IllegalArgumentException} for bytes that are not UTF-8; here that becomes a
 * {@code ZipException} like the others. Not thread-safe; {@link #close} closes the file.
 */
final class ZipRecords implements Closeable {
  private final ZipFile zip;

  /** Opens {@code file}; a file that is not a zip, or is truncated, is a {@link ZipException}. */
  ZipRecords(Path file) throws IOException {
    zip = new ZipFile(file.toFile());
  }

  /** The names of all entries, in the central directory's order. */
  List<String> names() throws ZipException {
    try {
      List<String> names = new ArrayList<>();
      for (ZipEntry e : Collections.list(zip.entries())) {
        names.add(e.getName());
      }
      return names;
    } catch (IllegalArgumentException e) {
      throw damaged(e);
    }
  }

  /** The entry named {@code name}, or null when there is none. */
  ZipEntry entry(String name) throws ZipException {
    try {
      return zip.getEntry(name);
    } catch (IllegalArgumentException e) {
      throw damaged(e);
    }
  }

  /** At most {@code limit} bytes of {@code entry}, read as they come: a size the zip claims is not trusted. */
  byte[] bytes(ZipEntry entry, int limit) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readNBytes(limit);
    } catch (IllegalArgumentException e) {
      throw damaged(e);
    }
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  private static ZipException damaged(IllegalArgumentException e) {
    ZipException z = new ZipException("an entry's name or comment is not valid UTF-8: " + e.getMessage());
    z.initCause(e);
    return z;
  }
}
