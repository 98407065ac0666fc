package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.LabelInput;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** {@link BatchFeeder#and} and {@link Feeds#addAll}. */
class BatchFeederTest {
  private static final ImageSet SET = new ImageSet(4, 1, 2,
      new byte[] {0, 1, 10, 11, 20, 21, 30, 31}, new byte[] {3, 1, 0, 2});

  /** A stand-in tensor that records its closing; never fed to a session. */
  private static Tensor fake(List<String> closed, String name) {
    return (Tensor) Proxy.newProxyInstance(Tensor.class.getClassLoader(), new Class<?>[] {Tensor.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "close" -> {
            closed.add(name);
            yield null;
          }
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> name;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void andFeedsBoth() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> pixels = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      LabelInput labels = LabelInput.create(tf, 4);
      BatchFeeder images = (set, indices) -> {
        float[] v = new float[indices.length * 2];
        for (int k = 0; k < indices.length; k++) {
          v[2 * k] = set.pixels()[2 * indices[k]];
          v[2 * k + 1] = set.pixels()[2 * indices[k] + 1];
        }
        return new Feeds().add(pixels, Tensors.floats(v, indices.length, 2));
      };
      try (Feeds feeds = images.and(labels.feeder()).feed(SET, new int[] {2, 0});
           Result r = feeds.applyTo(s.runner()).fetch(tf.identity(pixels)).fetch(labels.oneHot()).run()) {
        assertArrayEquals(new float[] {20, 21, 0, 1}, Tensors.toArray(r.get(0)));
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 0, 1}, Tensors.toArray(r.get(1)));
      }
    }
  }

  @Test
  void andOwnsBothFeedsTensors() {
    List<String> closed = new ArrayList<>();
    BatchFeeder a = (set, indices) -> new Feeds().add(null, fake(closed, "a"));
    BatchFeeder b = (set, indices) -> new Feeds().add(null, fake(closed, "b1")).add(null, fake(closed, "b2"));
    Feeds feeds = a.and(b).feed(SET, new int[] {0});
    assertEquals(List.of(), closed, "nothing closed while the feeds are in use");
    feeds.close();
    assertEquals(List.of("a", "b1", "b2"), closed);
  }

  @Test
  void andClosesTheFirstFeedsWhenTheSecondFails() {
    List<String> closed = new ArrayList<>();
    BatchFeeder a = (set, indices) -> new Feeds().add(null, fake(closed, "a"));
    IllegalStateException failure = new IllegalStateException("no labels");
    BatchFeeder b = (set, indices) -> {
      throw failure;
    };
    assertSame(failure, assertThrows(IllegalStateException.class, () -> a.and(b).feed(SET, new int[] {0})));
    assertEquals(List.of("a"), closed);
  }

  @Test
  void addAllMovesTheTensors() {
    List<String> closed = new ArrayList<>();
    Feeds first = new Feeds().add(null, fake(closed, "x"));
    Feeds second = new Feeds().add(null, fake(closed, "y"));
    assertSame(first, first.addAll(second));
    second.close();
    assertEquals(List.of(), closed, "the moved tensor belongs to the first feeds now");
    first.close();
    assertEquals(List.of("x", "y"), closed);
    first.close();
    assertEquals(List.of("x", "y"), closed, "closing twice closes nothing twice");
  }
}
