package org.genmodels.shared.weights;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import org.genmodels.shared.weights.RestrictedUnpickler.Global;
import org.genmodels.shared.weights.WeightArray.DType;

/**
 * numpy arrays as pickles hold them, and the only globals such a pickle may name here:
 * {@code numpy.core.multiarray._reconstruct} (numpy 2: {@code numpy._core.multiarray}),
 * {@code numpy.ndarray}, {@code numpy.dtype}, and {@code _codecs.encode}, which protocol 2 writes
 * bytes with. An array is {@code _reconstruct(ndarray, (0,), b'b')} given its state by BUILD:
 * {@code (1, shape, dtype, is_fortran, raw bytes)}; a dtype is {@code dtype('f4', False, True)}
 * given its byte order by BUILD. Instances are built by one unpickling and then only read.
 */
final class NumpyPickle {
  private NumpyPickle() {
  }

  /** {@code numpy.ndarray}: only an argument of {@code _reconstruct}. */
  private static final IObjectConstructor NDARRAY = args -> {
    throw new PickleException("numpy.ndarray is called, which numpy's pickles never do");
  };

  /** A dtype: its element type and whether the elements are big-endian. */
  static final class Dtype implements RestrictedUnpickler.Buildable, RestrictedUnpickler.Typed {
    final String code;
    final DType type;
    boolean bigEndian;

    Dtype(String code, DType type) {
      this.code = code;
      this.type = type;
    }

    @Override
    public String pythonType() {
      return "a numpy dtype";
    }

    @Override
    public void build(Object state) {
      // (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])
      if (!(state instanceof Object[] s) || s.length < 8 || !(s[1] instanceof String order)) {
        throw new PickleException("a numpy dtype given a state that is not numpy's");
      }
      if (s[2] != null || s[3] != null || s[4] != null) {
        throw new PickleException("a structured or sub-array numpy dtype, which weights never are");
      }
      switch (order) {
        case "<", "|", "=" -> bigEndian = false;
        case ">" -> bigEndian = type.size() > 1;
        default -> throw new PickleException("a numpy dtype of byte order '" + Formats.printable(order) + "'");
      }
    }
  }

  /** An array once BUILD has given it its state; {@code data} is little-endian, C order. */
  static final class Array implements RestrictedUnpickler.Buildable, RestrictedUnpickler.Typed {
    Dtype dtype;
    int[] shape;
    ByteBuffer data;

    @Override
    public String pythonType() {
      return data == null ? "a numpy array without data" : "a numpy array";
    }

    @Override
    public void build(Object state) {
      if (data != null) {
        throw new PickleException("a numpy array given its state twice");
      }
      if (!(state instanceof Object[] s) || (s.length != 5 && s.length != 4)) {
        throw new PickleException("a numpy array given a state that is not (version, shape, dtype, fortran, data)");
      }
      int at = s.length - 4; // the version comes first in 5-tuples
      if (!(s[at] instanceof Object[] dims) || !(s[at + 1] instanceof Dtype d) || !(s[at + 2] instanceof Boolean fortran)
          || !(s[at + 3] instanceof byte[] raw)) {
        throw new PickleException("a numpy array state of " + RestrictedUnpickler.pythonType(s[at]) + ", "
            + RestrictedUnpickler.pythonType(s[at + 1]) + ", " + RestrictedUnpickler.pythonType(s[at + 2]) + ", "
            + RestrictedUnpickler.pythonType(s[at + 3]) + " (object arrays are not read)");
      }
      long[] size = new long[dims.length];
      long[] stride = new long[dims.length];
      long step = 1;
      for (int i = 0; i < dims.length; i++) {
        int axis = fortran ? i : dims.length - 1 - i; // the axis whose stride is step
        size[axis] = RestrictedUnpickler.asLong(dims[axis], "a numpy array dimension");
        if (size[axis] < 0 || size[axis] > Integer.MAX_VALUE) {
          throw new PickleException("a numpy array dimension of " + size[axis]);
        }
        stride[axis] = step;
        // past the data's length no stride matters: the size check below refuses such an array
        step = Math.min(step * Math.max(1, size[axis]), 1L << 32);
      }
      long count = 1;
      for (long n : size) {
        count = n == 0 || count <= Long.MAX_VALUE / n ? count * n : Long.MAX_VALUE;
      }
      int elementSize = d.type.size();
      if (raw.length % elementSize != 0 || count != raw.length / elementSize) {
        throw new PickleException("a numpy array of shape " + Arrays.toString(size) + " and dtype " + d.code
            + " with " + raw.length + " bytes of data");
      }
      data = StridedView.copy(ByteBuffer.wrap(raw), elementSize, d.bigEndian, 0, size, stride);
      dtype = d;
      shape = new int[dims.length];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = (int) size[i];
      }
    }
  }

  /** The globals a pickle of numpy arrays may name. */
  static Map<Global, IObjectConstructor> globals() {
    Map<Global, IObjectConstructor> g = new HashMap<>();
    IObjectConstructor reconstruct = args -> {
      if (args.length != 3 || args[0] != NDARRAY) {
        throw new PickleException("_reconstruct called with other arguments than (numpy.ndarray, shape, typecode)");
      }
      return new Array();
    };
    g.put(new Global("numpy.core.multiarray", "_reconstruct"), reconstruct);
    g.put(new Global("numpy._core.multiarray", "_reconstruct"), reconstruct);
    g.put(new Global("numpy", "ndarray"), NDARRAY);
    g.put(new Global("numpy", "dtype"), NumpyPickle::dtype);
    g.put(new Global("_codecs", "encode"), NumpyPickle::latin1);
    return g;
  }

  private static Dtype dtype(Object[] args) {
    if (args.length != 3 || !(args[0] instanceof String code)) {
      throw new PickleException("numpy.dtype called with other arguments than (code, align, copy)");
    }
    DType type = switch (code) {
      case "f4" -> DType.FLOAT32;
      case "f8" -> DType.FLOAT64;
      case "f2" -> DType.FLOAT16;
      case "i8" -> DType.INT64;
      case "i4" -> DType.INT32;
      case "i2" -> DType.INT16;
      case "i1" -> DType.INT8;
      case "u1" -> DType.UINT8;
      case "b1" -> DType.BOOL;
      default -> throw new PickleException("a numpy array of dtype '" + Formats.printable(code)
          + "', which is not read (float16/32/64, int8/16/32/64, uint8 and bool are)");
    };
    return new Dtype(code, type);
  }

  /** {@code _codecs.encode(text, 'latin1')}: how protocol 2 pickles bytes. */
  private static byte[] latin1(Object[] args) {
    if (args.length != 2 || !(args[0] instanceof String text) || !"latin1".equals(args[1])) {
      throw new PickleException("_codecs.encode called with other arguments than (str, 'latin1')");
    }
    byte[] out = new byte[text.length()];
    for (int i = 0; i < out.length; i++) {
      char c = text.charAt(i);
      if (c > 0xff) {
        throw new PickleException("_codecs.encode of a character outside latin1");
      }
      out[i] = (byte) c;
    }
    return out;
  }
}
