package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.Signatures;

/**
 * Any of this project's models that sample images from a seed — the VAE, the unconditional conv
 * VAE, and every model whose export serves a {@code sample} signature (count, seed → images), as
 * the DDPM's will — for JVM applications that only generate. Images come back as rows, each
 * image row-major (channels last).
 *
 * <p>Thread-safe; close it; calls after {@link #close()} throw {@link IllegalStateException}.
 */
public final class EmbeddedSampler implements AutoCloseable {
  private final ModelHandle model;
  private final long[] image;

  private EmbeddedSampler(ModelHandle model) {
    this.model = model;
    try {
      long[] out = model.session().signature(Signatures.SAMPLE).output(Signatures.IMAGES).orElseThrow(() ->
          new UserException(model.session().source() + ": signature 'sample' has no output 'images'")).shape();
      this.image = Arrays.copyOfRange(out, 1, out.length);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Opens an export or a training checkpoint of any model that serves {@code sample}. */
  public static EmbeddedSampler load(Path dir) {
    return new EmbeddedSampler(ModelHandle.open(dir, null, CheckpointHints.none(), List.of(Signatures.SAMPLE)));
  }

  /** The shape of one image, e.g. {@code [784]} or {@code [28, 28, 1]}. */
  public long[] imageShape() {
    return image.clone();
  }

  /** {@code n} images drawn with {@code seed}; the same seed gives the same images. */
  public float[][] sample(int n, long seed) {
    return model.sample(n, seed);
  }

  /** Waits for calls in flight and frees the model; idempotent. */
  @Override
  public void close() {
    model.close();
  }
}
