package org.genmodels.savedmodels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.genmodels.shared.tf.Tensors;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session.Runner;

/**
 * The ReLUs on a forward pass's way to its output, each with the variables behind it (those whose
 * gradients its backward pass crosses), and how close its input comes to the kink at 0 on given
 * inputs. Why a gradient check needs it: where a ReLU input lies within float rounding of 0, two
 * frameworks (or two CPUs) may put it on either side; that one element then passes gradient in one
 * and not in the other, and every gradient behind the ReLU moves, by percents in a deep network,
 * while the outputs move by no more than the input's own distance from 0.
 *
 * <p>Graph analysis in {@link #of} (the graph's ops, read only); {@link #measure} adds fetches to
 * a runner and runs it, closing what it fetched. Immutable after {@link #of}; {@link #measure} may
 * be called from any thread.
 */
final class ReluKinks {
  /**
   * A ReLU input counts as at the kink when some element of it lies this close to 0, relative to
   * its largest magnitude: float32 rounds at 6e-8 of a value, and a deep network's activations in
   * two frameworks differ by ~1e-6 of their magnitude.
   */
  static final double NEAR_ZERO = 1e-5;

  /**
   * One ReLU, measured.
   *
   * @param relu    the ReLU op's name
   * @param behind  the variables behind it, by name
   * @param nearest the smallest |input| over every element
   * @param largest the largest |input|
   */
  record Kink(String relu, Set<String> behind, double nearest, double largest) {
    Kink {
      behind = Set.copyOf(behind);
    }

    /** Whether some element of the input lies within rounding of 0 ({@link #NEAR_ZERO}). */
    boolean atTheKink() {
      return nearest <= NEAR_ZERO * largest;
    }
  }

  private final List<GraphOperation> relus;
  private final List<Set<String>> behind;

  private ReluKinks(List<GraphOperation> relus, List<Set<String>> behind) {
    this.relus = relus;
    this.behind = behind;
  }

  /**
   * The ReLUs (ops of type {@code Relu}) that {@code output} depends on, each with the ops among
   * {@code variables} (by op name) that it depends on.
   */
  static ReluKinks of(Operand<?> output, Set<String> variables) {
    Map<GraphOperation, Set<String>> upstream = new HashMap<>();
    List<GraphOperation> relus = new ArrayList<>();
    visit((GraphOperation) output.op(), variables, upstream, relus);
    return new ReluKinks(List.copyOf(relus), relus.stream().map(upstream::get).toList());
  }

  /**
   * The variables behind {@code op}, remembered in {@code upstream}; appends the ReLUs found to
   * {@code relus}, each after those before it in the forward pass.
   */
  private static Set<String> visit(GraphOperation op, Set<String> variables,
      Map<GraphOperation, Set<String>> upstream, List<GraphOperation> relus) {
    Set<String> known = upstream.get(op);
    if (known != null) {
      return known;
    }
    Set<String> names = new TreeSet<>();
    upstream.put(op, names);  // before the inputs: a loop's back edge then ends here
    if (variables.contains(op.name())) {
      names.add(op.name());
    }
    for (Operand<?> in : op.inputs()) {
      names.addAll(visit((GraphOperation) in.op(), variables, upstream, relus));
    }
    if (op.type().equals("Relu")) {
      relus.add(op);
    }
    return names;
  }

  /** How many ReLUs there are. */
  int size() {
    return relus.size();
  }

  /**
   * Fetches every ReLU's input on {@code runner} (its feeds set by the caller, no fetches yet),
   * runs it, and returns the ReLUs in the order of the forward pass.
   */
  List<Kink> measure(Runner runner) {
    relus.forEach(relu -> runner.fetch(relu.input(0)));
    List<Kink> kinks = new ArrayList<>();
    try (Result r = runner.run()) {
      for (int i = 0; i < relus.size(); i++) {
        double nearest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (float v : Tensors.toArray(r.get(i))) {
          nearest = Math.min(nearest, Math.abs(v));
          largest = Math.max(largest, Math.abs(v));
        }
        kinks.add(new Kink(relus.get(i).name(), behind.get(i), nearest, largest));
      }
    }
    return kinks;
  }
}
