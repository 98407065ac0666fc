package org.genmodels.savedmodels.sidebyside;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * One row of the side-by-side table: a time of one model measured in Java and in the PyTorch peer,
 * once per round, and, for a dense model's epoch, the floating-point operations it needs.
 *
 * @param model the model's name
 * @param what what is timed, e.g. {@code s per epoch}
 * @param java the Java benchmark's median seconds, one per round
 * @param peer the peer's median seconds, one per round, in the same order: round i of each ran
 *             one after the other, so their ratio is the least touched by the machine's drift
 * @param flops the operations of one timed unit ({@link DenseFlops#epochFlops}); empty when not a dense epoch
 */
public record Comparison(String model, String what, List<Double> java, List<Double> peer, OptionalDouble flops) {
  public Comparison {
    java = List.copyOf(java);
    peer = List.copyOf(peer);
    if (java.isEmpty() || peer.isEmpty()) {
      throw new IllegalArgumentException("a comparison needs at least one round of each side");
    }
    if (java.size() != peer.size()) {
      throw new IllegalArgumentException("rounds pair up: " + java.size() + " Java times, " + peer.size()
          + " of the peer");
    }
  }

  /** The median over rounds of the Java times. */
  public double javaSeconds() {
    return median(java);
  }

  /** The median over rounds of the peer's times. */
  public double peerSeconds() {
    return median(peer);
  }

  /** Java's time over the peer's: below 1, Java is faster. */
  public double ratio() {
    return javaSeconds() / peerSeconds();
  }

  /**
   * Java's time over the peer's round by round: shared machines drift by tens of percent between
   * minutes, and a Java run and the peer run right after it drift together.
   */
  public List<Double> roundRatios() {
    return IntStream.range(0, java.size()).mapToObj(i -> java.get(i) / peer.get(i)).toList();
  }

  /** The seconds of {@link #flops} at {@code gflops} billion operations a second, when this row has them. */
  public OptionalDouble limitSeconds(double gflops) {
    return flops.isPresent() ? OptionalDouble.of(flops.getAsDouble() / (gflops * 1e9)) : OptionalDouble.empty();
  }

  static double median(List<Double> values) {
    double[] s = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
