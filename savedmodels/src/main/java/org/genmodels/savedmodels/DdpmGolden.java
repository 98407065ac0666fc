package org.genmodels.savedmodels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.data.DatasetException;
import org.genmodels.shared.data.Npy;

/**
 * What PyTorch computed for a DDPM fixture ({@code ../shared/fixtures/pytorch/README.md}): the
 * inputs and outputs in {@code DIR/golden/*.npy}, NCHW, and the gradients of the L1 loss in
 * {@code DIR/golden_grads.npz}, keyed by state-dict name in PyTorch's layout. Inputs are kept
 * NHWC for the Java graph ({@code x_t}, {@code noise}, {@code z}); outputs stay NCHW as the files
 * hold them, to be compared with the Java outputs transposed back. Immutable by convention (the
 * arrays are not copied).
 *
 * @param batch    B
 * @param channels C
 * @param size     S, the image side
 * @param xT       {@code x_t} NHWC {@code [B, S, S, C]}
 * @param t        the timesteps {@code [B]} (int64 in the file)
 * @param noise    the noise {@code q_sample} added, NHWC: the L1 loss's target
 * @param z        the reverse step's noise, NHWC
 * @param epsEval  the network in eval mode on {@code x_t, t}, NCHW
 * @param xPrev    one reverse step from {@code x_t} with noise {@code z}, NCHW
 * @param epsTrain the network in training mode (batch statistics), NCHW
 * @param grads    state-dict key → the gradient of {@code l1_loss(noise, eps_train)}, PyTorch's layout
 */
record DdpmGolden(int batch, int channels, int size, float[] xT, int[] t, float[] noise, float[] z,
                  float[] epsEval, float[] xPrev, float[] epsTrain, Map<String, float[]> grads) {
  /** Reads the fixture folder {@code dir}. */
  static DdpmGolden read(Path dir) {
    Path golden = dir.resolve("golden");
    Npy.Array xT = npy(golden, "x_t");
    int[] shape = xT.shape();
    if (shape.length != 4 || shape[2] != shape[3]) {
      throw new UserException(golden.resolve("x_t.npy") + " is " + Arrays.toString(shape)
          + ": expected square NCHW images [B, C, S, S]");
    }
    int b = shape[0];
    int c = shape[1];
    int s = shape[2];
    Npy.Array t = npy(golden, "t");
    if (!Arrays.equals(t.shape(), new int[] {b})) {
      throw new UserException(golden.resolve("t.npy") + " is " + Arrays.toString(t.shape()) + ": expected ["
          + b + "], one timestep per image of x_t");
    }
    return new DdpmGolden(b, c, s, nhwc(xT), timesteps(t, golden), nhwc(images(golden, "noise", shape)),
        nhwc(images(golden, "z", shape)), images(golden, "eps_eval", shape).floats(),
        images(golden, "x_prev", shape).floats(), images(golden, "eps_train", shape).floats(),
        npz(dir.resolve("golden_grads.npz")));
  }

  private static float[] nhwc(Npy.Array nchw) {
    return TensorLayout.permute(nchw.floats(), nchw.shape(), TensorLayout.NCHW_TO_NHWC);
  }

  private static Npy.Array images(Path golden, String name, int[] shape) {
    Npy.Array a = npy(golden, name);
    if (!Arrays.equals(a.shape(), shape) || !a.descr().equals("<f4")) {
      throw new UserException(golden.resolve(name + ".npy") + " is " + a.descr() + " " + Arrays.toString(a.shape())
          + ": expected <f4 " + Arrays.toString(shape) + ", the shape of x_t");
    }
    return a;
  }

  private static int[] timesteps(Npy.Array t, Path golden) {
    ByteBuffer b = ByteBuffer.wrap(t.data()).order(ByteOrder.LITTLE_ENDIAN);
    int[] out = new int[t.shape()[0]];
    for (int i = 0; i < out.length; i++) {
      long v = switch (t.descr()) {
        case "<i8" -> b.getLong(i * 8);
        case "<i4" -> b.getInt(i * 4);
        default -> throw new UserException(golden.resolve("t.npy") + " is " + t.descr()
            + ": expected integer timesteps (<i8 or <i4)");
      };
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw new UserException(golden.resolve("t.npy") + " holds timestep " + v + ": expected 0 … T−1");
      }
      out[i] = (int) v;
    }
    return out;
  }

  private static Npy.Array npy(Path golden, String name) {
    Path file = golden.resolve(name + ".npy");
    try (InputStream in = Files.newInputStream(file)) {
      return Npy.read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new UserException("no " + file + ": a DDPM parity folder holds model.pt, golden/{x_t, t, noise, z,"
          + " eps_eval, x_prev, eps_train}.npy and golden_grads.npz", e);
    } catch (IOException | DatasetException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every {@code <key>.npy} of a numpy {@code .npz} (a zip) as float32, by key. */
  private static Map<String, float[]> npz(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserException("no " + file + ": the gradients PyTorch computed (np.savez of each parameter's"
          + " .grad, keyed by state-dict name)");
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (!entry.getName().endsWith(".npy")) {
          continue;
        }
        String key = entry.getName().substring(0, entry.getName().length() - 4);
        try (InputStream in = zip.getInputStream(entry)) {
          Npy.Array a = Npy.read(in, file + "!" + entry.getName());
          if (!a.descr().equals("<f4")) {
            throw new UserException(file + "!" + entry.getName() + " is " + a.descr() + ": expected float32 (<f4)");
          }
          out.put(key, a.floats());
        }
      }
    } catch (IOException | DatasetException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return Collections.unmodifiableMap(out);
  }
}
