package org.genmodels.shared.weights;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import org.genmodels.shared.weights.RestrictedUnpickler.Global;
import org.genmodels.shared.weights.WeightArray.DType;

/**
 * The Python objects of the pickle ({@code data.pkl}) in a {@code torch.save} zip, as
 * {@link RestrictedUnpickler} builds them, and the only globals it lets such a pickle name:
 * {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2} and
 * {@code _rebuild_parameter}, and the typed storage classes ({@code torch.FloatStorage}, ...).
 * A tensor is {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks)} of a
 * storage the pickle names by a persistent id {@code ('storage', torch.FloatStorage, key,
 * location, numel)}; its bytes are the zip record {@code data/<key>}. Immutable but for
 * {@link OrderedDict}.
 */
final class TorchPickle {
  private TorchPickle() {
  }

  /** A typed storage class; {@code dtype} is null for one whose elements are not read (bfloat16). */
  record StorageType(String name, DType dtype) implements IObjectConstructor {
    @Override
    public Object construct(Object[] args) {
      throw new PickleException("torch." + name + " is called, which torch.save never does");
    }
  }

  /** A storage: {@code numel} elements of {@code type} in the record {@code data/<key>}. */
  record Storage(StorageType type, String key, String location, long numel) implements RestrictedUnpickler.Typed {
    @Override
    public String pythonType() {
      return "a storage";
    }
  }

  /** A tensor: a view of a storage. */
  record Tensor(Storage storage, long offset, long[] size, long[] stride) implements RestrictedUnpickler.Typed {
    @Override
    public String pythonType() {
      return "a tensor";
    }
  }

  /** An {@code OrderedDict}; the attributes BUILD gives it (a state dict's {@code _metadata}) are dropped. */
  static final class OrderedDict extends LinkedHashMap<Object, Object> implements RestrictedUnpickler.Buildable {
    @Override
    public void build(Object state) {
      if (state != null && !(state instanceof Map)) {
        throw new PickleException("an OrderedDict given " + RestrictedUnpickler.pythonType(state) + " as state");
      }
    }
  }

  private static final String[][] STORAGES = {
      {"FloatStorage", "FLOAT32"}, {"DoubleStorage", "FLOAT64"}, {"HalfStorage", "FLOAT16"},
      {"LongStorage", "INT64"}, {"IntStorage", "INT32"}, {"ShortStorage", "INT16"},
      {"CharStorage", "INT8"}, {"ByteStorage", "UINT8"}, {"BoolStorage", "BOOL"}, {"BFloat16Storage", null}};

  /** The globals a state dict's pickle may name. */
  static Map<Global, IObjectConstructor> globals() {
    Map<Global, IObjectConstructor> g = new HashMap<>();
    g.put(new Global("collections", "OrderedDict"), args -> {
      if (args.length != 0) {
        throw new PickleException("OrderedDict called with arguments");
      }
      return new OrderedDict();
    });
    g.put(new Global("torch._utils", "_rebuild_tensor_v2"), TorchPickle::rebuildTensor);
    g.put(new Global("torch._utils", "_rebuild_parameter"), args -> {
      if (args.length != 3 || !(args[0] instanceof Tensor)) {
        throw new PickleException("_rebuild_parameter called with " + args.length + " arguments, not (tensor, requires_grad, hooks)");
      }
      return args[0];
    });
    for (String[] s : STORAGES) {
      g.put(new Global("torch", s[0]), new StorageType(s[0], s[1] == null ? null : DType.valueOf(s[1])));
    }
    return g;
  }

  /** Why a global outside {@link #globals()} is refused, and what to do. */
  static String refusal(Global global) {
    String module = global.module();
    if (module.equals("__main__") || module.startsWith("torch.nn")) {
      return "the file holds a whole pickled model (torch.save(model)), not a state dict. In Python, load it"
          + " and save only its weights: torch.save(model.state_dict(), 'weights.pt')";
    }
    if (global.name().contains("qtensor") || global.name().contains("sparse") || global.name().endsWith("Storage")) {
      return "only dense tensors of float, int and bool types are read. Convert the tensors in Python (e.g."
          + " t.dequantize(), t.to_dense(), t.float()) and save the state dict again";
    }
    return "a PyTorch state dict holds only tensors (OrderedDict, torch._utils._rebuild_tensor_v2, torch.*Storage),"
        + " and a file that names other globals may run code when Python loads it. Save only the weights:"
        + " torch.save(model.state_dict(), 'weights.pt')";
  }

  /** The storage a persistent id {@code ('storage', type, key, location, numel)} stands for. */
  static Storage storage(Object pid) {
    if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0])) {
      throw new PickleException("a persistent id that is not ('storage', type, key, location, numel)");
    }
    if (!(t[1] instanceof StorageType type) || !(t[2] instanceof String key) || !(t[3] instanceof String location)) {
      throw new PickleException("a storage id with " + RestrictedUnpickler.pythonType(t[1]) + ", "
          + RestrictedUnpickler.pythonType(t[2]) + ", " + RestrictedUnpickler.pythonType(t[3])
          + " where a storage class, a key and a location belong");
    }
    long numel = RestrictedUnpickler.asLong(t[4], "a storage's element count");
    if (numel < 0) {
      throw new PickleException("storage " + key + " has " + numel + " elements");
    }
    return new Storage(type, key, location, numel);
  }

  private static Tensor rebuildTensor(Object[] args) {
    if (args.length < 6 || args.length > 7) {
      throw new PickleException("_rebuild_tensor_v2 called with " + args.length
          + " arguments, not (storage, offset, size, stride, requires_grad, hooks[, metadata])");
    }
    if (!(args[0] instanceof Storage storage)) {
      throw new PickleException("_rebuild_tensor_v2 of " + RestrictedUnpickler.pythonType(args[0]) + ", not a storage");
    }
    return new Tensor(storage, RestrictedUnpickler.asLong(args[1], "a tensor's storage offset"),
        longs(args[2], "size"), longs(args[3], "stride"));
  }

  private static long[] longs(Object tuple, String what) {
    if (!(tuple instanceof Object[] t)) {
      throw new PickleException("a tensor " + what + " that is " + RestrictedUnpickler.pythonType(tuple) + ", not a tuple");
    }
    long[] out = new long[t.length];
    for (int i = 0; i < t.length; i++) {
      out[i] = RestrictedUnpickler.asLong(t[i], "a tensor " + what);
    }
    return out;
  }
}
