package org.genmodels.shared.tf;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.genmodels.shared.cli.UserException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Reads a TensorFlow checkpoint (the V2 "tensor bundle" that {@code Session.save}, Python's
 * {@code tf.train.Checkpoint} and every SavedModel's {@code variables/} hold) without TensorFlow:
 * its keys, each tensor's dtype and shape, and float tensors' values, checked against their
 * CRC32C. Keys are variable names for TF1-style checkpoints ({@code encoder/dense_0/kernel}) and
 * object-graph paths for TF2/Keras ones
 * ({@code layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE}).
 *
 * <p>Immutable once opened and safe to share between threads; each read opens the data file anew.
 */
public final class CheckpointReader {
  private static final String INDEX = ".index";

  /** One tensor of the checkpoint. */
  public record Entry(String key, DataType dtype, Shape shape, int shard, long offset, long size, int crc32c) {
    /** E.g. {@code float32 [784, 256]}. */
    public String describe() {
      return dtypeName(dtype) + " " + shape;
    }
  }

  private final Path prefix;
  private final int shards;
  private final Map<String, Entry> entries;

  private CheckpointReader(Path prefix, int shards, Map<String, Entry> entries) {
    this.prefix = prefix;
    this.shards = shards;
    this.entries = Collections.unmodifiableMap(entries);
  }

  /**
   * Opens the checkpoint in {@code dir}: a checkpoint directory ({@code dir/variables.index}, as
   * this project writes them) or a SavedModel ({@code dir/variables/variables.index}).
   *
   * @throws UserException when neither exists or the index is corrupt
   */
  public static CheckpointReader open(Path dir) {
    for (Path prefix : List.of(dir.resolve("variables"), dir.resolve("variables").resolve("variables"))) {
      if (Files.isRegularFile(indexOf(prefix))) {
        return openPrefix(prefix);
      }
    }
    throw new UserException("no checkpoint in " + dir + ": expected " + dir.resolve("variables.index")
        + " (a checkpoint directory) or " + dir.resolve("variables").resolve("variables.index")
        + " (a SavedModel)");
  }

  /** Opens the checkpoint whose files are {@code prefix.index} and {@code prefix.data-*}. */
  public static CheckpointReader openPrefix(Path prefix) {
    Path index = indexOf(prefix);
    Map<String, byte[]> table;
    try {
      table = SortedTable.read(Files.readAllBytes(index), index.toString());
    } catch (NoSuchFileException e) {
      throw new UserException("no checkpoint index " + index + ": check the path");
    } catch (IOException e) {
      throw new UserException("cannot read " + index + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage() + ": the checkpoint is corrupt", e);
    }
    try {
      byte[] headerBytes = table.remove("");
      if (headerBytes == null) {
        throw new UserException(index + " has no bundle header: it is not a V2 checkpoint index");
      }
      BundleHeaderProto header = BundleHeaderProto.parseFrom(headerBytes);
      if (header.getEndianness() != BundleHeaderProto.Endianness.LITTLE) {
        throw new UserException(index + " was written big-endian, which is not supported");
      }
      Map<String, Entry> entries = new LinkedHashMap<>();
      for (Map.Entry<String, byte[]> e : table.entrySet()) {
        BundleEntryProto p = BundleEntryProto.parseFrom(e.getValue());
        if (p.getSlicesCount() > 0) {
          continue; // a partitioned variable's slices: not used by the models here
        }
        entries.put(e.getKey(), new Entry(e.getKey(), p.getDtype(), shapeOf(p.getShape(), e.getKey(), index), p.getShardId(),
            p.getOffset(), p.getSize(), p.getCrc32C()));
      }
      return new CheckpointReader(prefix, Math.max(1, header.getNumShards()), entries);
    } catch (InvalidProtocolBufferException e) {
      throw new UserException(index + " holds an unreadable entry (" + e.getMessage() + "): the checkpoint is corrupt", e);
    }
  }

  /** Every key, in the checkpoint's (sorted) order. */
  public List<String> keys() {
    return new ArrayList<>(entries.keySet());
  }

  public Optional<Entry> entry(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /**
   * The values of float32 tensor {@code key}, row-major.
   *
   * @throws UserException when the key is missing, not float32, or its bytes are corrupt
   */
  public float[] floats(String key) {
    Entry e = require(key);
    if (e.dtype() != DataType.DT_FLOAT) {
      throw new UserException(key + " in " + prefix + " is " + e.describe() + ", not float32");
    }
    long count = e.shape().size();
    if (count < 0 || count > Integer.MAX_VALUE / 4 || e.size() != 4 * count) {
      throw new UserException(key + " in " + prefix + " is " + e.describe() + " but has " + e.size()
          + " bytes: the checkpoint index is corrupt");
    }
    float[] out = new float[(int) count];
    ByteBuffer.wrap(bytes(e)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /**
   * Reads every tensor and checks it against its checksum: whether the checkpoint is whole.
   *
   * @throws UserException naming the first tensor that is missing, short or corrupt
   */
  public void verify() {
    for (Entry e : entries.values()) {
      bytes(e);
    }
  }

  /** The entry of {@code key}, or an error listing what the checkpoint holds. */
  public Entry require(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      throw new UserException("no tensor " + key + " in the checkpoint " + prefix + "; it holds "
          + (entries.size() <= 40 ? String.join(", ", entries.keySet()) : entries.size() + " tensors")
          + " (the savedmodels inspect command lists them)");
    }
    return e;
  }

  /** The checkpoint's path prefix ({@code .../variables}). */
  public Path prefix() {
    return prefix;
  }

  private byte[] bytes(Entry e) {
    Path data = Path.of(prefix + String.format(Locale.ROOT, ".data-%05d-of-%05d", e.shard(), shards));
    byte[] out;
    try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "r")) {
      // checked against the file before anything is allocated: offset and size come from the index
      if (e.offset() < 0 || e.size() < 0 || e.size() > Integer.MAX_VALUE - 16 || e.offset() > file.length() - e.size()) {
        throw new UserException(data + " is shorter than its index says: the checkpoint is truncated");
      }
      out = new byte[(int) e.size()];
      file.seek(e.offset());
      file.readFully(out);
    } catch (IOException x) {
      throw new UserException("cannot read " + data + " (" + x.getMessage() + "): the checkpoint is incomplete", x);
    }
    CRC32C crc = new CRC32C();
    crc.update(out);
    if (mask((int) crc.getValue()) != e.crc32c()) {
      throw new UserException("tensor " + e.key() + " in " + data + " fails its checksum: the checkpoint is corrupt");
    }
    return out;
  }

  /** TF's masked CRC, as stored in checkpoint entries. */
  private static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
  }

  private static Shape shapeOf(TensorShapeProto proto, String key, Path index) {
    long[] dims = new long[proto.getDimCount()];
    long size = 1;
    for (int i = 0; i < dims.length; i++) {
      dims[i] = proto.getDim(i).getSize();
      // a saved tensor's shape is known, and its size fits a long
      size = dims[i] < 0 || (dims[i] > 0 && size > Long.MAX_VALUE / dims[i]) ? -1 : size * dims[i];
      if (size < 0) {
        throw new UserException(index + " gives " + key + " an impossible shape: the checkpoint is corrupt");
      }
    }
    return Shape.of(dims);
  }

  private static Path indexOf(Path prefix) {
    return Path.of(prefix + INDEX);
  }

  /** numpy-like names: {@code float32}, {@code int64}, {@code string}, ... */
  public static String dtypeName(DataType dtype) {
    return switch (dtype) {
      case DT_FLOAT -> "float32";
      case DT_DOUBLE -> "float64";
      case DT_HALF -> "float16";
      case DT_BFLOAT16 -> "bfloat16";
      case DT_INT8 -> "int8";
      case DT_INT16 -> "int16";
      case DT_INT32 -> "int32";
      case DT_INT64 -> "int64";
      case DT_UINT8 -> "uint8";
      case DT_UINT16 -> "uint16";
      case DT_BOOL -> "bool";
      case DT_STRING -> "string";
      default -> dtype.name().toLowerCase(Locale.ROOT).replaceFirst("^dt_", "");
    };
  }
}
