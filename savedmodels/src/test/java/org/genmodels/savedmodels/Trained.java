package org.genmodels.savedmodels;

import java.util.Arrays;
import java.util.List;
import org.genmodels.ae.Autoencoder;
import org.genmodels.ae.AutoencoderSettings;
import org.genmodels.cvae.Cvae;
import org.genmodels.cvae.CvaeSettings;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.testing.TestData;
import org.genmodels.vae.Vae;
import org.genmodels.vae.VaeSettings;

/**
 * Small models trained for a few steps on MNIST, so that their weights are no longer the
 * initial ones, and the MNIST test images they are checked on. The caller closes the models.
 */
final class Trained {
  private Trained() {
  }

  static ImageSet test() {
    return TestData.mnist().test();
  }

  /** The first n test images in [0, 1] as rows of 784. */
  static float[][] unitImages(int n) {
    return rows(test().firstPixels(n, PixelRange.UNIT), n);
  }

  /** The first n test images in [-1, 1] as rows of 784. */
  static float[][] symmetricImages(int n) {
    return rows(test().firstPixels(n, PixelRange.SYMMETRIC), n);
  }

  /** The first n test labels. */
  static int[] labels(int n) {
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = test().label(i);
    }
    return l;
  }

  static Autoencoder autoencoder() {
    return autoencoder(Precision.FP32);
  }

  /** As {@link #autoencoder()}, trained multiplying in {@code p}. */
  static Autoencoder autoencoder(Precision p) {
    Autoencoder ae = Autoencoder.create(
        AutoencoderSettings.builder().hiddenSizes(List.of(64, 32)).codeSize(8).precision(p).seed(3).build());
    train(ae::trainStep, 64, 5);
    return ae;
  }

  static Vae vae() {
    return vae(Precision.FP32);
  }

  /** As {@link #vae()}, trained multiplying in {@code p}. */
  static Vae vae(Precision p) {
    Vae vae = Vae.create(VaeSettings.defaults().toBuilder().hiddenSize(64).latentSize(4).precision(p).seed(4).build());
    train(vae::trainStep, 64, 5);
    return vae;
  }

  static Cvae cvae(boolean conditional) {
    Cvae cvae = Cvae.create(CvaeSettings.builder().conditional(conditional).channels(8).seed(5).build());
    train(cvae::trainStep, 32, 3);
    return cvae;
  }

  static float[][] rows(float[] flat, int n) {
    int size = flat.length / n;
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = Arrays.copyOfRange(flat, i * size, (i + 1) * size);
    }
    return out;
  }

  static float[] flat(float[][] rows) {
    int size = rows.length == 0 ? 0 : rows[0].length;
    float[] out = new float[rows.length * size];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * size, size);
    }
    return out;
  }

  private interface Step {
    Object step(ImageSet set, int[] indices);
  }

  private static void train(Step step, int batch, int steps) {
    ImageSet train = TestData.mnist().train();
    for (int s = 0; s < steps; s++) {
      int[] indices = new int[batch];
      for (int i = 0; i < batch; i++) {
        indices[i] = s * batch + i;
      }
      step.step(train, indices);
    }
  }
}
