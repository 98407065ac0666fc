package org.genmodels.shared.tf;

import org.genmodels.shared.train.Feeds;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * Runs a graph function of one float input over many rows, a batch at a time, and gathers the
 * outputs: {@code [n, inSize] → [n, outSize]}. Session runs are thread-safe in TF, so one runner
 * may serve several threads.
 */
public final class BatchedRunner {
  private final Session session;
  private final Operand<TFloat32> input;
  private final Operand<TFloat32> output;
  private final long[] rowShape;
  private final int batchSize;

  /**
   * @param rowShape the shape of one input row without the batch dimension, e.g. {@code {784}}
   */
  public BatchedRunner(Session session, Operand<TFloat32> input, Operand<TFloat32> output,
      long[] rowShape, int batchSize) {
    this.session = session;
    this.input = input;
    this.output = output;
    this.rowShape = rowShape.clone();
    this.batchSize = batchSize;
  }

  /**
   * Feeds that go with rows {@code from .. from+n} of the input (labels, say); the runner closes
   * them after the batch's run.
   */
  @FunctionalInterface
  public interface RowFeeds {
    Feeds rows(int from, int n);
  }

  /** Runs {@code rows} rows held in {@code data} (row-major) and returns all outputs, row-major. */
  public float[] run(float[] data, int rows) {
    return run(data, rows, (from, n) -> new Feeds());
  }

  /** As {@link #run(float[], int)}, feeding {@code extra} beside each batch of rows. */
  public float[] run(float[] data, int rows, RowFeeds extra) {
    int inSize = 1;
    for (long d : rowShape) {
      inSize = Math.multiplyExact(inSize, (int) d);
    }
    if ((long) rows * inSize != data.length) {
      throw new IllegalArgumentException("expected " + rows + " rows of " + inSize + " values, got "
          + data.length + " values");
    }
    float[] out = null;
    int outSize = 0;
    for (int from = 0; from < rows; from += batchSize) {
      int n = Math.min(batchSize, rows - from);
      float[] chunk = new float[n * inSize];
      System.arraycopy(data, from * inSize, chunk, 0, chunk.length);
      long[] shape = new long[rowShape.length + 1];
      shape[0] = n;
      System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
      try (TFloat32 x = Tensors.floats(chunk, shape);
           Feeds more = extra.rows(from, n);
           Result r = more.applyTo(session.runner().feed(input, x)).fetch(output).run()) {
        float[] y = Tensors.toArray(r.get(0));
        if (out == null) {
          outSize = y.length / n;
          out = new float[rows * outSize];
        }
        System.arraycopy(y, 0, out, from * outSize, y.length);
      }
    }
    return out == null ? new float[0] : out;
  }
}
