package org.genmodels.shared.train;

import java.util.SplittableRandom;
import org.genmodels.shared.data.ImageSet;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Feeds standard normal noise fixed per example: example i of a set gets {@code values} draws from
 * a generator seeded with {@code (seed, i)}, so a loss that samples (a VAE's z) is the same
 * number however often, in whatever batches and after whatever training it is computed: the test
 * losses of two epochs differ by the weights alone. Feeds {@code noise} {@code [n, values]}.
 * Thread-safe (nothing mutable); the returned feeds belong to the caller.
 */
public final class FixedExampleNoise implements BatchFeeder {
  private final Operand<TFloat32> noise;
  private final int values;
  private final long seed;

  public FixedExampleNoise(Operand<TFloat32> noise, int values, long seed) {
    this.noise = noise;
    this.values = values;
    this.seed = seed;
  }

  @Override
  public Feeds feed(ImageSet set, int[] indices) {
    int n = indices.length;
    float[] z = new float[n * values];
    for (int k = 0; k < n; k++) {
      SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + indices[k]);
      for (int v = 0; v < values; v++) {
        z[k * values + v] = (float) random.nextGaussian();
      }
    }
    return new Feeds().add(noise, TFloat32.tensorOf(Shape.of(n, values), DataBuffers.of(z, true, false)));
  }
}
