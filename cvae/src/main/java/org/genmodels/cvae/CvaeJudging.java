package org.genmodels.cvae;

import java.util.Arrays;
import org.genmodels.shared.judge.Judge;
import org.genmodels.shared.judge.LabelAccuracy;

/** Scores the conditional model with the judge classifier. */
final class CvaeJudging {
  private CvaeJudging() {
  }

  /**
   * Generates {@code perDigit} images of each digit from {@code z ~ N(0, I)} (seeded by the
   * model's seed) and returns the share the judge reads as the digit they were made for.
   */
  static LabelAccuracy labelAccuracy(Cvae cvae, Judge judge, int perDigit) {
    int size = CvaeModel.SIZE * CvaeModel.SIZE;
    float[] images = new float[10 * perDigit * size];
    int[] intended = new int[10 * perDigit];
    for (int digit = 0; digit < 10; digit++) {
      float[] generated = cvae.generate(digit, perDigit, cvae.settings().seed() * 31 + digit);
      for (int i = 0; i < generated.length; i++) {
        images[digit * generated.length + i] = (generated[i] + 1) / 2;
      }
      Arrays.fill(intended, digit * perDigit, (digit + 1) * perDigit, digit);
    }
    return judge.labelAccuracy(images, intended);
  }
}
