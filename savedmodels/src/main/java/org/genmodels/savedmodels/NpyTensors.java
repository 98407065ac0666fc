package org.genmodels.savedmodels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.data.Npy;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/**
 * Converts numpy arrays ({@link Npy.Array}) to tensors and back, for the types numpy and TF share:
 * {@code <f4} float32, {@code <f8} float64, {@code <i4} int32, {@code <i8} int64, {@code |u1}
 * uint8, {@code |b1} bool and {@code |S<n>} byte strings (TF {@code string}; numpy drops trailing
 * NUL bytes of such strings, and so does this). Tensors returned belong to the caller.
 */
public final class NpyTensors {
  private NpyTensors() {
  }

  /** The TF dtype of numpy type {@code descr}; empty for types TF Java cannot hold. */
  public static Optional<DataType> dtypeOf(String descr) {
    String d = descr.substring(1);
    DataType t = switch (d) {
      case "f4" -> DataType.DT_FLOAT;
      case "f8" -> DataType.DT_DOUBLE;
      case "i4" -> DataType.DT_INT32;
      case "i8" -> DataType.DT_INT64;
      case "u1" -> DataType.DT_UINT8;
      case "b1" -> DataType.DT_BOOL;
      default -> d.startsWith("S") ? DataType.DT_STRING : null;
    };
    return Optional.ofNullable(t);
  }

  /**
   * A new tensor with the array's type, shape and values.
   *
   * @throws UserException when the type has no TF counterpart; {@code name} is used in the message
   */
  public static Tensor toTensor(Npy.Array a, String name) {
    DataType dtype = dtypeOf(a.descr()).orElseThrow(() -> new UserException(name + " holds numpy dtype "
        + a.descr() + ", which has no TensorFlow counterpart here: save it as float32, float64, int32,"
        + " int64, uint8, bool or bytes"));
    Shape shape = Shape.of(Arrays.stream(a.shape()).asLongStream().toArray());
    if (dtype == DataType.DT_STRING) {
      return strings(a, shape);
    }
    Class<? extends TType> type = switch (dtype) {
      case DT_FLOAT -> TFloat32.class;
      case DT_DOUBLE -> TFloat64.class;
      case DT_INT32 -> TInt32.class;
      case DT_INT64 -> TInt64.class;
      case DT_UINT8 -> TUint8.class;
      default -> TBool.class;
    };
    return Tensor.of(type, shape, DataBuffers.of(a.data(), true, false));
  }

  /**
   * The tensor as a numpy array.
   *
   * @throws UserException when its dtype has no numpy counterpart here
   */
  public static Npy.Array toArray(Tensor t, String name) {
    int[] shape = Arrays.stream(t.shape().asArray()).mapToInt(Math::toIntExact).toArray();
    if (t instanceof TString s) {
      return strings(s, shape);
    }
    String descr = switch (t.dataType()) {
      case DT_FLOAT -> "<f4";
      case DT_DOUBLE -> "<f8";
      case DT_INT32 -> "<i4";
      case DT_INT64 -> "<i8";
      case DT_UINT8 -> "|u1";
      case DT_BOOL -> "|b1";
      default -> throw new UserException(name + " is a " + t.dataType() + " tensor, which cannot be written as .npy here");
    };
    byte[] data = new byte[Math.toIntExact(t.numBytes())];
    t.asRawTensor().data().read(data);
    return new Npy.Array(descr, shape, data);
  }

  private static TString strings(Npy.Array a, Shape shape) {
    int width = Npy.elementSize(a.descr(), "strings");
    NdArray<byte[]> values = NdArrays.ofObjects(byte[].class, shape);
    long[] i = {0};
    values.scalars().forEach(s -> {
      int from = (int) (i[0]++ * width);
      int to = from + width;
      while (to > from && a.data()[to - 1] == 0) {
        to--;
      }
      s.setObject(Arrays.copyOfRange(a.data(), from, to));
    });
    return TString.tensorOfBytes(values);
  }

  private static Npy.Array strings(TString t, int[] shape) {
    NdArray<byte[]> values = t.asBytes();
    int width = 1;
    List<byte[]> all = new ArrayList<>();
    values.scalars().forEach(s -> all.add(s.getObject()));
    for (byte[] b : all) {
      width = Math.max(width, b.length);
    }
    byte[] data = new byte[all.size() * width];
    for (int k = 0; k < all.size(); k++) {
      System.arraycopy(all.get(k), 0, data, k * width, all.get(k).length);
    }
    return new Npy.Array("|S" + width, shape, data);
  }
}
