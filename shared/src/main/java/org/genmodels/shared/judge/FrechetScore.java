package org.genmodels.shared.judge;

import java.util.Locale;

/**
 * A Fréchet distance between two sets of judge features.
 *
 * @param distance the squared Fréchet distance d² between the two fitted Gaussians — the number
 *                 FID papers and tools report as "FID"; 0 for identical statistics
 * @param n1       feature vectors (images) behind the first statistics
 * @param n2       feature vectors behind the second
 * @param dim      the feature dimension (128 for the judge)
 */
public record FrechetScore(double distance, int n1, int n2, int dim) {
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Fréchet distance %.4f (d², as FID reports it; %d vs %d images, %d features)",
        distance, n1, n2, dim);
  }
}
