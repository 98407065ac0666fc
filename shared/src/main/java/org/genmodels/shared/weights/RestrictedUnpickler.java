package org.genmodels.shared.weights;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's pickle machine locked down for weight files, which are untrusted input. Pyrolite on
 * its own answers every global it does not know with a {@code ClassDict} (so any class "loads"),
 * keeps its constructors in one static registry for the whole JVM, calls {@code __setstate__} by
 * reflection on whatever BUILD finds, allocates the length a string opcode announces before reading
 * it, and builds dicts in hash order. Here:
 * <ul>
 *   <li>a global resolves only through this instance's allow-list; any other is refused with a
 *       message naming it (nothing is looked up, loaded or run);</li>
 *   <li>only the binary opcodes of pickle protocols 2–4 that these formats use are accepted;</li>
 *   <li>BUILD only reaches {@link Buildable} objects made by the allowed constructors;</li>
 *   <li>a length is checked against the bytes that remain before anything is allocated;</li>
 *   <li>dicts keep the file's order, and take only keys that hash without recursion.</li>
 * </ul>
 * Every failure becomes a {@link WeightFileException} naming the file. One instance reads one
 * pickle; not thread-safe.
 */
final class RestrictedUnpickler extends Unpickler {
  /** A module-level name a pickle refers to, e.g. {@code torch._utils._rebuild_tensor_v2}. */
  record Global(String module, String name) {
    @Override
    public String toString() {
      return module + "." + name;
    }
  }

  /** An object whose state BUILD may set (what Python does with {@code __setstate__}). */
  interface Buildable {
    /** @throws PickleException when {@code state} is not what this object's pickles hold */
    void build(Object state);
  }

  /** An object of a format's own (a tensor, a numpy array), with its Python type's name for messages. */
  interface Typed {
    /** E.g. {@code "a tensor"}. */
    String pythonType();
  }

  /** What a format's reader says about a pickle: its globals and how to explain a refusal. */
  record Rules(String format, Map<Global, IObjectConstructor> globals, Function<Global, String> refusal,
               String resave) {
  }

  private static final Set<Short> ALLOWED = Set.of(
      Opcodes.MARK, Opcodes.STOP, Opcodes.POP, Opcodes.POP_MARK, Opcodes.DUP,
      Opcodes.BININT, Opcodes.BININT1, Opcodes.BININT2, Opcodes.LONG1, Opcodes.LONG4,
      Opcodes.NONE, Opcodes.NEWTRUE, Opcodes.NEWFALSE, Opcodes.BINFLOAT,
      Opcodes.BINSTRING, Opcodes.SHORT_BINSTRING, Opcodes.BINUNICODE, Opcodes.SHORT_BINUNICODE,
      Opcodes.BINUNICODE8, Opcodes.BINBYTES, Opcodes.SHORT_BINBYTES, Opcodes.BINBYTES8,
      Opcodes.EMPTY_TUPLE, Opcodes.TUPLE, Opcodes.TUPLE1, Opcodes.TUPLE2, Opcodes.TUPLE3,
      Opcodes.EMPTY_LIST, Opcodes.LIST, Opcodes.APPEND, Opcodes.APPENDS,
      Opcodes.EMPTY_DICT, Opcodes.DICT, Opcodes.SETITEM, Opcodes.SETITEMS,
      Opcodes.BINGET, Opcodes.LONG_BINGET, Opcodes.BINPUT, Opcodes.LONG_BINPUT, Opcodes.MEMOIZE,
      Opcodes.GLOBAL, Opcodes.STACK_GLOBAL, Opcodes.REDUCE, Opcodes.NEWOBJ, Opcodes.BUILD,
      Opcodes.BINPERSID, Opcodes.PROTO, Opcodes.FRAME);

  private final String file;
  private final Rules rules;
  private final Function<Object, Object> persistent;
  private Input in;

  /**
   * @param file       how messages name the pickle, e.g. {@code model.pt (its data.pkl)}
   * @param rules      the format's allowed globals
   * @param persistent what a persistent id stands for (PyTorch's storages); null when the format
   *                   has none. It throws {@link PickleException} for an id it does not accept.
   */
  RestrictedUnpickler(String file, Rules rules, Function<Object, Object> persistent) {
    this.file = file;
    this.rules = rules;
    this.persistent = persistent;
  }

  /**
   * The object the pickle in {@code bytes} builds.
   *
   * @throws WeightFileException when it names a global outside the allow-list or is not a
   *                             well-formed pickle of the format
   */
  Object unpickle(byte[] bytes) {
    in = new Input(bytes);
    try {
      return load(in);
    } catch (WeightFileException e) {
      throw e;
    } catch (IOException e) {
      throw corrupt("it ends early (" + e.getMessage() + ")", e);
    } catch (PickleException e) {
      throw corrupt(e.getMessage(), e);
    } catch (IndexOutOfBoundsException e) {
      // Pyrolite pops without checking: an opcode that finds too few objects on the stack ends here
      throw corrupt("an opcode finds the stack empty", e);
    } finally {
      close();
    }
  }

  @Override
  protected Object dispatch(short key) throws IOException {
    if (!ALLOWED.contains(key)) {
      throw new PickleException(String.format("opcode 0x%02x is not one that %s files use", key, rules.format()));
    }
    switch (key) {
      case Opcodes.GLOBAL -> stack.add(resolve(PickleUtils.readline(input), PickleUtils.readline(input)));
      case Opcodes.STACK_GLOBAL -> {
        Object name = stack.pop();
        Object module = stack.pop();
        if (!(module instanceof String m) || !(name instanceof String n)) {
          throw new PickleException("STACK_GLOBAL without two strings");
        }
        stack.add(resolve(m, n));
      }
      case Opcodes.BUILD -> {
        Object state = stack.pop();
        if (!(stack.peek() instanceof Buildable target)) {
          throw new PickleException("BUILD on " + pythonType(stack.peek()) + ", which takes no state");
        }
        target.build(state);
      }
      case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
      case Opcodes.DICT -> {
        Map<Object, Object> dict = new LinkedHashMap<>();
        putPairs(dict, stack.pop_all_since_marker());
        stack.add(dict);
      }
      case Opcodes.SETITEM -> {
        Object value = stack.pop();
        Object k = stack.pop();
        putPairs(dictOnStack(), Arrays.asList(k, value));
      }
      case Opcodes.SETITEMS -> {
        List<Object> pairs = stack.pop_all_since_marker();
        putPairs(dictOnStack(), pairs);
      }
      case Opcodes.REDUCE, Opcodes.NEWOBJ -> {
        Object args = stack.pop();
        Object callable = stack.pop();
        if (!(callable instanceof IObjectConstructor constructor) || !(args instanceof Object[] tuple)) {
          throw new PickleException("a call of " + pythonType(callable) + " with " + pythonType(args));
        }
        stack.add(constructor.construct(tuple));
      }
      case Opcodes.APPEND, Opcodes.APPENDS -> {
        List<Object> items = key == Opcodes.APPEND ? Collections.singletonList(stack.pop())
            : stack.pop_all_since_marker();
        listOnStack().addAll(items);
      }
      case Opcodes.BINPERSID -> {
        if (persistent == null) {
          throw new PickleException("a persistent id, which " + rules.format() + " files do not have");
        }
        stack.add(persistent.apply(stack.pop()));
      }
      default -> {
        checkLength(key);
        return super.dispatch(key);
      }
    }
    return NO_RETURN_VALUE;
  }

  /** Refuses, before Pyrolite allocates it, a counted string or number longer than what remains. */
  private void checkLength(short key) {
    int width = switch (key) {
      case Opcodes.BINSTRING, Opcodes.BINUNICODE, Opcodes.BINBYTES, Opcodes.LONG4 -> 4;
      case Opcodes.BINUNICODE8, Opcodes.BINBYTES8 -> 8;
      case Opcodes.SHORT_BINSTRING, Opcodes.SHORT_BINUNICODE, Opcodes.SHORT_BINBYTES, Opcodes.LONG1 -> 1;
      default -> 0;
    };
    if (width == 0) {
      return;
    }
    if (in.remaining() < width) {
      throw new PickleException("it ends inside an opcode");
    }
    long length = in.peekLittleEndian(width);
    if (length < 0 || length > in.remaining() - width) {
      throw new PickleException("it ends early or is damaged: an opcode announces " + length + " bytes where "
          + (in.remaining() - width) + " remain");
    }
  }

  private Object resolve(String module, String name) {
    Global global = new Global(module, name);
    IObjectConstructor constructor = rules.globals().get(global);
    if (constructor == null) {
      throw new WeightFileException(file + " names the Python global " + global + ", which is not allowed: "
          + rules.refusal().apply(global));
    }
    return constructor;
  }

  @SuppressWarnings("unchecked")
  private List<Object> listOnStack() {
    if (!(stack.peek() instanceof List<?> list)) {
      throw new PickleException("APPEND(S) on " + pythonType(stack.peek()) + ", not a list");
    }
    return (List<Object>) list;
  }

  @SuppressWarnings("unchecked")
  private Map<Object, Object> dictOnStack() {
    if (!(stack.peek() instanceof Map<?, ?> map)) {
      throw new PickleException("SETITEM(S) on " + pythonType(stack.peek()) + ", not a dict");
    }
    return (Map<Object, Object>) map;
  }

  private static void putPairs(Map<Object, Object> dict, List<Object> items) {
    if (items.size() % 2 != 0) {
      throw new PickleException("a dict built from an odd number of items");
    }
    for (int i = 0; i < items.size(); i += 2) {
      Object k = items.get(i);
      // lists, dicts and sets are unhashable in Python; here they could also hash forever (a list
      // holding itself), so only simple keys are taken
      if (!(k == null || k instanceof String || k instanceof Number || k instanceof Boolean || k instanceof Object[])) {
        throw new PickleException("a dict key that is " + pythonType(k));
      }
      dict.put(k, items.get(i + 1));
    }
  }

  private WeightFileException corrupt(String detail, Throwable cause) {
    return new WeightFileException(file + " is not a readable " + rules.format() + ": " + detail
        + (in == null ? "" : " (pickle byte " + in.position() + ")") + ". " + rules.resave(), cause);
  }

  /** Python's name for the type of an unpickled value, for messages (never its contents). */
  static String pythonType(Object o) {
    if (o == null) {
      return "None";
    } else if (o instanceof String) {
      return "a str";
    } else if (o instanceof Boolean) {
      return "a bool";
    } else if (o instanceof Integer || o instanceof Long || o instanceof BigInteger) {
      return "an int";
    } else if (o instanceof Double) {
      return "a float";
    } else if (o instanceof byte[]) {
      return "bytes";
    } else if (o instanceof Object[]) {
      return "a tuple";
    } else if (o instanceof List) {
      return "a list";
    } else if (o instanceof Map) {
      return "a dict";
    } else if (o instanceof Typed t) {
      return t.pythonType();
    } else if (o instanceof IObjectConstructor) {
      return "a class or function";
    }
    return "a " + o.getClass().getSimpleName();
  }

  /** A long from an int-like pickle value, or a {@link PickleException} naming {@code what}. */
  static long asLong(Object o, String what) {
    if (o instanceof Integer i) {
      return i;
    } else if (o instanceof Long l) {
      return l;
    }
    throw new PickleException(what + " is " + (o instanceof BigInteger ? "an int too large" : pythonType(o))
        + ", not an int");
  }

  /** The pickle's bytes, with what remains and a look at the next bytes. */
  private static final class Input extends ByteArrayInputStream {
    Input(byte[] bytes) {
      super(bytes);
    }

    long remaining() {
      return count - pos;
    }

    int position() {
      return pos;
    }

    /** The little-endian number in the next {@code width} (1, 4 or 8) bytes, which must be there. */
    long peekLittleEndian(int width) {
      long v = 0;
      for (int i = width - 1; i >= 0; i--) {
        v = (v << 8) | (buf[pos + i] & 0xff);
      }
      return width == 4 ? (int) v : v; // 4-byte lengths are signed in Python's pickle
    }
  }
}
