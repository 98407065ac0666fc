package org.genmodels.diffusion;

import java.util.SplittableRandom;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.train.BatchFeeder;
import org.genmodels.shared.train.Feeds;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Feeds evaluation batches with a timestep and noise fixed per example: example i of a set gets
 * t and noise drawn from a generator seeded with {@code (seed, i)}, so the test loss is the same
 * number however often, in whatever batches and after whatever training it is computed. Feeds
 * the images with {@code images}, then {@code t} {@code int32 [n]} and {@code noise}
 * {@code [n, S, S, C]}. Thread-safe (nothing mutable); the returned feeds belong to the caller.
 */
final class FixedNoise implements BatchFeeder {
  private final BatchFeeder images;
  private final Operand<TInt32> t;
  private final Operand<TFloat32> noise;
  private final int timesteps;
  private final long[] imageShape;
  private final long seed;

  FixedNoise(BatchFeeder images, Operand<TInt32> t, Operand<TFloat32> noise, int timesteps, long[] imageShape,
      long seed) {
    this.images = images;
    this.t = t;
    this.noise = noise;
    this.timesteps = timesteps;
    this.imageShape = imageShape.clone();
    this.seed = seed;
  }

  @Override
  public Feeds feed(ImageSet set, int[] indices) {
    int n = indices.length;
    int values = Math.toIntExact(imageShape[0] * imageShape[1] * imageShape[2]);
    int[] ts = new int[n];
    float[] z = new float[n * values];
    for (int k = 0; k < n; k++) {
      SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + indices[k]);
      ts[k] = random.nextInt(timesteps);
      for (int v = 0; v < values; v++) {
        z[k * values + v] = (float) random.nextGaussian();
      }
    }
    Feeds feeds = images.feed(set, indices);
    try {
      feeds.add(t, TInt32.tensorOf(Shape.of(n), DataBuffers.of(ts, true, false)));
      feeds.add(noise, TFloat32.tensorOf(Shape.of(n, imageShape[0], imageShape[1], imageShape[2]),
          DataBuffers.of(z, true, false)));
      return feeds;
    } catch (RuntimeException e) {
      feeds.close();
      throw e;
    }
  }
}
