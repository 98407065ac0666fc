package org.genmodels.shared.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds PyTorch state-dict files by hand for tests: the pickle {@code torch.save} writes for a
 * dict of tensors, and the zip around it, or a copy of a real file with records left out or
 * replaced.
 */
final class TorchFiles {
  private TorchFiles() {
  }

  /** One tensor: a view ({@code offset}, {@code size}, {@code stride}) of storage {@code key}. */
  record Tensor(String name, String storageClass, String key, long numel, long offset, long[] size, long[] stride) {
  }

  /**
   * The pickle of an {@code OrderedDict} of the tensors, opcode for opcode what PyTorch 1.13's
   * {@code torch.save} writes (less the memo, which a reader must not need).
   */
  static byte[] stateDict(List<Tensor> tensors) {
    PickleBytes p = new PickleBytes().proto(2).global("collections", "OrderedDict").emptyTuple().reduce().mark();
    for (Tensor t : tensors) {
      p.str(t.name()).global("torch._utils", "_rebuild_tensor_v2").mark();
      p.mark().str("storage").global("torch", t.storageClass()).str(t.key()).str("cpu").integer(t.numel()).tuple()
          .binpersid();
      p.integer(t.offset());
      p.mark();
      for (long s : t.size()) {
        p.integer(s);
      }
      p.tuple().mark();
      for (long s : t.stride()) {
        p.integer(s);
      }
      p.tuple().bool(false).global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
    }
    return p.setitems().stop().bytes();
  }

  /** Writes a zip of {@code records} (names relative to {@code prefix}, e.g. {@code data/0}). */
  static void zip(Path file, String prefix, Map<String, byte[]> records) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> r : records.entrySet()) {
        zip.putNextEntry(new ZipEntry(prefix + r.getKey()));
        zip.write(r.getValue());
        zip.closeEntry();
      }
    }
  }

  /** Copies the zip {@code from} to {@code to}, keeping the records {@code keep} accepts, with {@code replace}d contents. */
  static void copy(Path from, Path to, Predicate<String> keep, Map<String, byte[]> replace) throws IOException {
    try (ZipFile in = new ZipFile(from.toFile());
         OutputStream file = Files.newOutputStream(to);
         ZipOutputStream out = new ZipOutputStream(file)) {
      for (ZipEntry e : Collections.list(in.entries())) {
        if (!keep.test(e.getName())) {
          continue;
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        byte[] data = replace.containsKey(e.getName()) ? replace.get(e.getName()) : in.getInputStream(e).readAllBytes();
        out.write(data);
        out.closeEntry();
      }
    }
  }
}
