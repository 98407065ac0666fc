package org.genmodels.shared.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.weights.RestrictedUnpickler.Global;
import org.genmodels.shared.weights.RestrictedUnpickler.Rules;

/**
 * Reads a Paddle state dict saved by {@code paddle.save(layer.state_dict(), 'x.pdparams')}: a
 * pickle (protocol 2–4) of a dict from parameter names to numpy arrays, plus the table
 * {@value #NAME_TABLE} from those names to Paddle's unique ones ({@code conv2d_0.w_0}), which is
 * read and left out (a note says so). Each array comes out as a {@link WeightArray} in C order.
 * Nothing in the file is executed: the pickle may name only the globals in {@link NumpyPickle}.
 *
 * <p>The file order of keys is kept. Stateless and thread-safe.
 */
public final class PaddleStateDict {
  /** The format, as {@link WeightFile#format()} gives it. */
  public static final String FORMAT = "Paddle state dict (paddle.save pickle)";
  /** The key of the table of Paddle's own parameter names. */
  public static final String NAME_TABLE = "StructuredToParameterName@@";
  private static final String RESAVE = "Save it again in Python: paddle.save(layer.state_dict(), 'weights.pdparams')";

  private PaddleStateDict() {
  }

  /**
   * The arrays of the state dict in {@code file}.
   *
   * @throws WeightFileException naming the file, what is wrong and the fix: when it is missing,
   *                             not a pickle of protocol 2–4, damaged, holds a value that is not an
   *                             array, or names a pickle global outside the allowed few
   */
  public static WeightFile read(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(Integer.MAX_VALUE - 16);
      if (in.read() != -1) {
        throw new WeightFileException(file + " is over 2 GiB, more than this reader takes");
      }
    } catch (NoSuchFileException e) {
      throw new WeightFileException("no file " + file + ": check the path", e);
    } catch (IOException e) {
      throw new WeightFileException("cannot read " + file + " (" + e.getMessage() + ")", e);
    }
    if (bytes.length < 2 || (bytes[0] & 0xff) != 0x80 || bytes[1] < 2 || bytes[1] > 4) {
      throw new WeightFileException(file + " is not a Paddle .pdparams file (a pickle of protocol 2 to 4): "
          + Formats.describe(Arrays.copyOf(bytes, Math.min(bytes.length, 16)))
          + (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' ? " If it is a PyTorch file, read it as PyTorch." : "")
          + " " + RESAVE);
    }
    Rules rules = new Rules("Paddle state dict", NumpyPickle.globals(), PaddleStateDict::refusal, RESAVE);
    Object top = new RestrictedUnpickler(file.toString(), rules, null).unpickle(bytes);
    if (!(top instanceof Map<?, ?> dict)) {
      throw new WeightFileException(file + " holds " + RestrictedUnpickler.pythonType(top)
          + ", not a state dict (a dict of arrays). " + RESAVE);
    }
    List<WeightArray> arrays = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Map.Entry<?, ?> e : dict.entrySet()) {
      if (!(e.getKey() instanceof String name)) {
        throw new WeightFileException(file + " has a key that is " + RestrictedUnpickler.pythonType(e.getKey())
            + ", not a str: a state dict's keys are parameter names. " + RESAVE);
      }
      if (name.equals(NAME_TABLE) && e.getValue() instanceof Map<?, ?> table) {
        notes.add(NAME_TABLE + ": Paddle's own names of " + table.size() + " parameters, not used");
      } else if (name.equals("UnpackBigParamInfor@@")) {
        throw new WeightFileException(file + " holds arrays paddle.save split for being over 4 GiB, which are not"
            + " read. Save smaller parameters, or with protocol 4: paddle.save(state_dict, path, protocol=4)");
      } else if (e.getValue() instanceof NumpyPickle.Array a && a.data != null) {
        arrays.add(new WeightArray(name, a.dtype.type, a.shape, a.data,
            "numpy " + (a.dtype.bigEndian ? ">" : "<") + a.dtype.code));
      } else {
        throw new WeightFileException(file + ": the value of '" + name + "' is "
            + RestrictedUnpickler.pythonType(e.getValue()) + ", not a numpy array. A .pdparams file holds only"
            + " parameters; save the layer's alone: paddle.save(layer.state_dict(), 'weights.pdparams')");
      }
    }
    return new WeightFile(FORMAT, arrays, notes);
  }

  private static String refusal(Global global) {
    return "a Paddle state dict holds only numpy arrays (numpy.core.multiarray._reconstruct, numpy.ndarray,"
        + " numpy.dtype), and a file that names other globals may run code when Python loads it. " + RESAVE;
  }
}
