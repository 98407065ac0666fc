package org.genmodels.diffusion;

import java.util.List;

/**
 * Images drawn by the reverse process, and snapshots of them on the way: {@code images}
 * {@code [n, S, S, C]} in [-1, 1]; {@code snapshots.get(k)} the same n images right after the step
 * at timestep {@code snapshotSteps[k]}, noisiest first (the last snapshot, after t = 0, is the
 * result). Immutable in practice: the arrays are not copied.
 */
public record Samples(float[] images, int count, List<float[]> snapshots, int[] snapshotSteps) {
  public Samples {
    snapshots = List.copyOf(snapshots);
  }
}
