package org.genmodels.shared.weights;

import io.jhdf.api.Dataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.genmodels.shared.weights.WeightArray.DType;

/**
 * Turns one HDF5 dataset into a {@link WeightArray}: its raw elements, byte-swapped to
 * little-endian when the file stores them big-endian, so that float16 stays float16 and float64
 * keeps every bit. Sizes are checked before anything is allocated: a dataset may not claim more
 * bytes than the file holds (or, compressed, more than 1032 times its stored bytes, deflate's
 * largest ratio). Stateless.
 */
final class Hdf5Arrays {
  /** The most bytes one array may have: the largest Java array. */
  static final long MAX_BYTES = Integer.MAX_VALUE - 8;
  private static final int MAX_RANK = 32;
  private static final long MAX_COMPRESSION = 1032;

  private Hdf5Arrays() {
  }

  /**
   * Reads {@code dataset} as the array {@code name}.
   *
   * @param fileBytes the size of the whole file, which an uncompressed dataset cannot exceed
   * @throws WeightFileException naming {@code file} and the dataset when its type is not a number
   *     type of {@link DType} or its sizes are impossible
   */
  static WeightArray read(Dataset dataset, String name, String origin, long fileBytes, String file) {
    String where = file + ": the dataset " + Hdf5Tree.path(dataset);
    DataType type = dataset.getDataType();
    DType dtype = dtypeOf(type);
    if (dtype == null) {
      throw new WeightFileException(where + " holds " + describe(type) + ", not numbers this reader"
          + " knows (float16, float32, float64, int8 to int64, uint8). Convert the weights to float32"
          + " in Keras and save them again.");
    }
    long[] dims = dataset.getDimensionsAsLong();
    if (dims.length > MAX_RANK) {
      throw damaged(where + " has " + dims.length + " dimensions");
    }
    int[] shape = new int[dims.length];
    long count = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0 || dims[i] > MAX_BYTES) {
        throw damaged(where + " claims the shape " + Arrays.toString(dims));
      }
      shape[i] = (int) dims[i];
      count = dims[i] == 0 ? 0 : count <= MAX_BYTES / dims[i] ? count * dims[i] : MAX_BYTES + 1;
    }
    long bytes = count <= MAX_BYTES / dtype.size() ? count * dtype.size() : MAX_BYTES + 1;
    long limit = dataset.getFilters().isEmpty() ? fileBytes
        : Math.min(fileBytes, dataset.getStorageInBytes()) * MAX_COMPRESSION;
    if (bytes > Math.min(limit, MAX_BYTES)) {
      throw damaged(where + " claims " + dtype.lowerName() + " " + Arrays.toString(dims)
          + ", more bytes than the file holds");
    }
    if (!(dataset instanceof DatasetBase base) || dataset.isEmpty()) {
      throw damaged(where + " holds no data");
    }
    ByteBuffer raw = base.getDataBuffer();
    if (raw == null || raw.remaining() < bytes) {
      throw damaged(where + " holds fewer bytes than its shape " + Arrays.toString(dims) + " needs");
    }
    byte[] out = new byte[(int) bytes];
    raw.duplicate().get(out);
    if (byteOrder(type) == ByteOrder.BIG_ENDIAN) {
      swap(out, dtype.size());
    }
    return new WeightArray(name, dtype, shape, ByteBuffer.wrap(out), origin);
  }

  private static DType dtypeOf(DataType type) {
    if (type instanceof FloatingPoint) {
      return switch (type.getSize()) {
        case 2 -> DType.FLOAT16;
        case 4 -> DType.FLOAT32;
        case 8 -> DType.FLOAT64;
        default -> null;
      };
    }
    if (type instanceof FixedPoint f) {
      return switch (type.getSize()) {
        case 1 -> f.isSigned() ? DType.INT8 : DType.UINT8;
        case 2 -> f.isSigned() ? DType.INT16 : null;
        case 4 -> f.isSigned() ? DType.INT32 : null;
        case 8 -> f.isSigned() ? DType.INT64 : null;
        default -> null;
      };
    }
    return null;
  }

  private static String describe(DataType type) {
    String kind = type instanceof FixedPoint f ? (f.isSigned() ? "int" : "uint") + type.getSize() * 8
        : type.getClass().getSimpleName();
    return kind + " (HDF5 type class " + type.getDataClass() + ", " + type.getSize() + " bytes)";
  }

  private static ByteOrder byteOrder(DataType type) {
    if (type instanceof FloatingPoint f) {
      return f.getByteOrder();
    }
    return type instanceof FixedPoint f ? f.getByteOrder() : ByteOrder.LITTLE_ENDIAN;
  }

  private static void swap(byte[] data, int size) {
    for (int start = 0; start + size <= data.length; start += size) {
      for (int i = 0, j = start + size - 1; i < size / 2; i++, j--) {
        byte t = data[start + i];
        data[start + i] = data[j];
        data[j] = t;
      }
    }
  }

  private static WeightFileException damaged(String what) {
    return new WeightFileException(what + ": the file is damaged. Save the weights again, or copy the file again.");
  }
}
