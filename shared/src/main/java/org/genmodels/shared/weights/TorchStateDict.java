package org.genmodels.shared.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import org.genmodels.shared.weights.RestrictedUnpickler.Rules;
import org.genmodels.shared.weights.TorchPickle.Storage;
import org.genmodels.shared.weights.TorchPickle.Tensor;

/**
 * Reads a PyTorch state dict saved by {@code torch.save(model.state_dict(), path)} (PyTorch 1.6 and
 * later): a zip holding {@code <name>/data.pkl}, the pickled dict, and one record
 * {@code <name>/data/<key>} per storage, the raw elements ({@code <name>} is the file's base name at
 * saving). Each tensor comes out as a {@link WeightArray} in C order, views (offsets, strides)
 * resolved; a contiguous tensor shares its storage's bytes. Nothing in the file is executed: the
 * pickle may name only the globals in {@link TorchPickle}.
 *
 * <p>Every array is float32, float64, float16, int64, int32, int16, int8, uint8 or bool. The file
 * order of keys is kept. Stateless and thread-safe.
 */
public final class TorchStateDict {
  /** The format, as {@link WeightFile#format()} gives it. */
  public static final String FORMAT = "PyTorch state dict (torch.save zip)";
  /** The start of every pickle of the magic number PyTorch before 1.6 wrote first. */
  private static final byte[] LEGACY_MAGIC = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46};
  private static final String RESAVE = "Save it again in Python: torch.save(model.state_dict(), 'weights.pt')";

  private TorchStateDict() {
  }

  /**
   * The tensors of the state dict in {@code file}.
   *
   * @throws WeightFileException naming the file, what is wrong and the fix: when it is missing, a
   *                             legacy or TorchScript file, a whole pickled model, damaged, or
   *                             names a pickle global outside the allowed few
   */
  public static WeightFile read(Path file) {
    byte[] head = head(file);
    if (!startsWith(head, new byte[] {'P', 'K', 3, 4})) {
      throw new WeightFileException(file + " is not a PyTorch zip file: " + Formats.describe(head)
          + (startsWith(head, LEGACY_MAGIC)
              ? " It was written by PyTorch before 1.6 (the legacy format). Load it in PyTorch 1.6 or later and"
                  + " save it again: torch.save(torch.load(path), 'weights.pt')"
              : " " + RESAVE));
    }
    try (ZipRecords zip = new ZipRecords(file)) {
      return read(zip, file);
    } catch (IOException e) {
      throw new WeightFileException(file + " is a damaged zip archive (" + e.getMessage()
          + "): it may be truncated. Copy or save it again", e);
    }
  }

  private static WeightFile read(ZipRecords zip, Path file) throws IOException {
    String prefix = archivePrefix(zip, file);
    List<String> notes = new ArrayList<>();
    boolean bigEndian = byteOrder(zip, prefix, file, notes);
    String pickleName = prefix + "data.pkl";
    byte[] pickle = zip.bytes(zip.entry(pickleName), Integer.MAX_VALUE - 16);
    Rules rules = new Rules("PyTorch state dict", TorchPickle.globals(), TorchPickle::refusal, RESAVE);
    Object top = new RestrictedUnpickler(file + " (" + pickleName + ")", rules, TorchPickle::storage).unpickle(pickle);
    if (!(top instanceof Map<?, ?> dict)) {
      throw new WeightFileException(file + " holds " + (top instanceof Tensor ? "a single tensor"
          : RestrictedUnpickler.pythonType(top)) + ", not a state dict (a dict of tensors). " + RESAVE);
    }
    Map<String, Loaded> storages = new HashMap<>();
    List<WeightArray> arrays = new ArrayList<>();
    for (Map.Entry<?, ?> e : dict.entrySet()) {
      if (!(e.getKey() instanceof String name)) {
        throw new WeightFileException(file + " has a key that is " + RestrictedUnpickler.pythonType(e.getKey())
            + ", not a str: a state dict's keys are parameter names. " + RESAVE);
      }
      if (!(e.getValue() instanceof Tensor tensor)) {
        throw new WeightFileException(file + ": the value of '" + name + "' is "
            + RestrictedUnpickler.pythonType(e.getValue()) + ", not a tensor. This reader takes a state dict of"
            + " tensors only; for a training checkpoint that also holds an epoch or an optimizer, save the model's"
            + " part alone: torch.save(checkpoint['model_state_dict'], 'weights.pt')");
      }
      arrays.add(array(zip, file, prefix, name, tensor, storages, bigEndian));
    }
    return new WeightFile(FORMAT, arrays, notes);
  }

  private static WeightArray array(ZipRecords zip, Path file, String prefix, String name, Tensor t,
                                   Map<String, Loaded> storages, boolean bigEndian) throws IOException {
    Storage s = t.storage();
    if (s.type().dtype() == null) {
      throw new WeightFileException(file + ": tensor '" + name + "' is " + s.type().name() + ", which is not read."
          + " Convert it in Python (t.float()) and save the state dict again");
    }
    int elementSize = s.type().dtype().size();
    String record = prefix + "data/" + s.key();
    Loaded loaded = storages.get(record);
    if (loaded == null) {
      loaded = new Loaded(s, load(zip, file, record, name, s));
      storages.put(record, loaded);
    } else if (!loaded.storage().type().equals(s.type()) || loaded.storage().numel() != s.numel()) {
      throw new WeightFileException(file + ": storage " + record + " is named with two sizes or types: the"
          + " file is damaged. " + RESAVE);
    }
    for (long d : t.size()) {
      if (d > Integer.MAX_VALUE) {
        throw new WeightFileException(file + ": tensor '" + name + "' has a dimension of " + d + ": the file is"
            + " damaged. " + RESAVE);
      }
    }
    ByteBuffer view;
    try {
      view = StridedView.copy(loaded.bytes(), elementSize, bigEndian, t.offset(), t.size(), t.stride());
    } catch (IllegalArgumentException e) {
      throw new WeightFileException(file + ": tensor '" + name + "' is " + e.getMessage() + " (storage " + record
          + "). Save a plain copy in Python (t.clone() or t.contiguous()) in the state dict", e);
    }
    int[] shape = new int[t.size().length];
    for (int d = 0; d < shape.length; d++) {
      shape[d] = (int) t.size()[d];
    }
    String origin = record + (t.offset() == 0 && StridedView.isContiguous(t.size(), t.stride()) ? ""
        : " from element " + t.offset() + ", strides " + Arrays.toString(t.stride()));
    return new WeightArray(name, s.type().dtype(), shape, view, origin);
  }

  /** A storage read, under the description the pickle first gave it. */
  private record Loaded(Storage storage, ByteBuffer bytes) {
  }

  /** The bytes of {@code record}, checked against the storage's size before and after reading. */
  private static ByteBuffer load(ZipRecords zip, Path file, String record, String tensor, Storage s) throws IOException {
    ZipEntry entry = zip.entry(record);
    if (entry == null) {
      throw new WeightFileException(file + " has no storage record " + record + " (tensor '" + tensor
          + "'): the file is incomplete. " + RESAVE);
    }
    int elementSize = s.type().dtype().size();
    if (s.numel() > (Integer.MAX_VALUE - 16) / elementSize) {
      throw new WeightFileException(file + ": storage " + record + " of tensor '" + tensor + "' has " + s.numel()
          + " elements, over the 2 GiB this reader takes" + (entry.getSize() >= 0 && entry.getSize() < s.numel()
          ? " and more than its record holds: the file is damaged. " + RESAVE : ""));
    }
    int expected = (int) s.numel() * elementSize;
    if (entry.getSize() >= 0 && entry.getSize() != expected) {
      throw new WeightFileException(file + ": storage " + record + " of tensor '" + tensor + "' should hold "
          + s.numel() + " " + s.type().dtype().lowerName() + " elements (" + expected + " bytes), but its record has "
          + entry.getSize() + " bytes: the file is damaged. " + RESAVE);
    }
    byte[] data = zip.bytes(entry, expected);
    if (data.length != expected) {
      throw new WeightFileException(file + ": storage " + record + " ends after " + data.length + " of its "
          + expected + " bytes: the file is truncated. " + RESAVE);
    }
    return ByteBuffer.wrap(data);
  }

  /** The folder all records sit in ({@code best_model_mnist/}); refuses TorchScript and non-PyTorch zips. */
  private static String archivePrefix(ZipRecords zip, Path file) throws IOException {
    List<String> names = zip.names();
    if (names.stream().anyMatch(n -> n.endsWith("/constants.pkl") || n.contains("/code/"))) {
      throw new WeightFileException(file + " is a TorchScript archive (torch.jit.save), not a state dict. In Python:"
          + " torch.save(torch.jit.load(path).state_dict(), 'weights.pt')");
    }
    List<String> pickles = names.stream().filter(n -> n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - 9)
        .toList();
    if (pickles.size() != 1) {
      throw new WeightFileException(file + " is a zip but not a torch.save file: it has " + pickles.size()
          + " top-level */data.pkl records (" + names.size() + " entries" + (names.isEmpty() ? ""
          : ", e.g. " + Formats.printable(names.get(0))) + "). " + RESAVE);
    }
    return pickles.get(0).substring(0, pickles.get(0).length() - "data.pkl".length());
  }

  /** Whether the storages are big-endian, from the {@code byteorder} record PyTorch 2.1+ writes. */
  private static boolean byteOrder(ZipRecords zip, String prefix, Path file, List<String> notes) throws IOException {
    ZipEntry entry = zip.entry(prefix + "byteorder");
    if (entry == null) {
      notes.add("no byteorder record (PyTorch before 2.1): storages read as little-endian");
      return false;
    }
    String order = new String(zip.bytes(entry, 16), StandardCharsets.US_ASCII);
    if (order.equals("little") || order.equals("big")) {
      if (order.equals("big")) {
        notes.add("big-endian storages, converted to little-endian");
      }
      return order.equals("big");
    }
    throw new WeightFileException(file + " has the byteorder record '" + Formats.printable(order)
        + "', neither 'little' nor 'big': the file is damaged. " + RESAVE);
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(16);
    } catch (NoSuchFileException e) {
      throw new WeightFileException("no file " + file + ": check the path", e);
    } catch (IOException e) {
      throw new WeightFileException("cannot read " + file + " (" + e.getMessage() + ")", e);
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }
}
