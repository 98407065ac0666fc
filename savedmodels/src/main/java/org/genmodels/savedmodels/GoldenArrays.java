package org.genmodels.savedmodels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.data.Npy;

/**
 * The golden inputs and outputs a framework computed beside its weights: {@code DIR/golden/<name>.npy}
 * (float32, or int32/int64 labels), each checked against the shape the parity check needs, so that a
 * wrong file is named rather than compared element by element. Stateless; thread-safe.
 */
final class GoldenArrays {
  private final Path dir;

  /** The arrays of {@code fixtureDir/golden/}. */
  GoldenArrays(Path fixtureDir) {
    this.dir = fixtureDir.resolve("golden");
  }

  /**
   * The float32 array {@code name}, row-major.
   *
   * @param shape the shape it must have; {@code -1} matches any size
   * @throws UserException when the file is missing, not a float32 .npy, or of another shape
   */
  float[] floats(String name, int... shape) {
    Npy.Array a = read(name, shape);
    if (!a.descr().equals("<f4")) {
      throw new UserException(file(name) + " holds " + a.descr() + ", expected float32 (<f4)");
    }
    return a.floats();
  }

  /** The integer array {@code name} (int32 or int64), e.g. labels. */
  int[] ints(String name, int... shape) {
    Npy.Array a = read(name, shape);
    ByteBuffer b = ByteBuffer.wrap(a.data()).order(ByteOrder.LITTLE_ENDIAN);
    int[] out = new int[Math.toIntExact(a.elementCount())];
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (a.descr()) {
        case "<i4" -> b.getInt(i * 4);
        case "<i8" -> Math.toIntExact(b.getLong(i * 8));
        default -> throw new UserException(file(name) + " holds " + a.descr() + ", expected int32 or int64");
      };
    }
    return out;
  }

  /** The first dimension of {@code name}: how many images or latents it holds. */
  int count(String name) {
    int[] shape = read(name).shape();
    if (shape.length == 0) {
      throw new UserException(file(name) + " is a scalar, expected a batch");
    }
    return shape[0];
  }

  private Npy.Array read(String name, int... shape) {
    Path file = file(name);
    Npy.Array a;
    try (InputStream in = Files.newInputStream(file)) {
      a = Npy.read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new UserException("no " + file + ": the parity check needs golden/" + name + ".npy", e);
    } catch (IOException e) {
      throw new UserException("cannot read " + file + " (" + e.getMessage() + ")", e);
    }
    if (shape.length > 0 && !matches(a.shape(), shape)) {
      throw new UserException(file + " has shape " + Arrays.toString(a.shape()) + ", expected "
          + Arrays.toString(shape).replace("-1", "any"));
    }
    return a;
  }

  private Path file(String name) {
    return dir.resolve(name + ".npy");
  }

  private static boolean matches(int[] actual, int[] expected) {
    if (actual.length != expected.length) {
      return false;
    }
    for (int i = 0; i < actual.length; i++) {
      if (expected[i] != -1 && expected[i] != actual[i]) {
        return false;
      }
    }
    return true;
  }
}
