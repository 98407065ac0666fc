package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.genmodels.shared.data.HorizontalFlip;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.shared.train.Feeds;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** RGB images fed as bytes through a flipping feeder come out as [-1, 1] floats, mirrored as drawn. */
class ImageInputFlipTest {
  @Test
  void feedsRgbBytesFlippedAsTheFlipDrawsThem() {
    int n = 8;
    byte[] pixels = new byte[n * 2 * 3 * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 11);
    }
    ImageSet set = new ImageSet(n, 2, 3, 3, pixels, new byte[n]);
    int[] indices = {7, 2, 5, 0, 1};
    HorizontalFlip flip = new HorizontalFlip(3);
    float[] expected = set.pixels(indices, PixelRange.SYMMETRIC);
    HorizontalFlip.apply(expected, flip.draw(HorizontalFlip.key(indices), indices.length), 2, 3, 3);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      ImageInput input = ImageInput.create(Ops.create(g), PixelRange.SYMMETRIC, 2, 3, 3);
      try (Feeds feeds = input.feeder(flip).feed(set, indices);
          Result r = feeds.applyTo(s.runner()).fetch(input.x()).run()) {
        // the graph divides by 255 its own way: equal to Java's float arithmetic within an ulp
        assertArrayEquals(expected, Tensors.toArray(r.get(0)), 1e-6f);
      }
    }
  }
}
