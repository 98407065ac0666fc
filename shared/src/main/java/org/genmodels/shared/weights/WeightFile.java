package org.genmodels.shared.weights;

import java.util.List;
import java.util.Optional;

/**
 * The arrays of one weights file of another framework, in the order the file lists them, with the
 * name of its format. Readers return this; importers look arrays up by name. Immutable.
 *
 * @param format e.g. {@code PyTorch state dict (torch.save zip)}, {@code Keras 2.1.6 HDF5 weights}
 * @param arrays every array, keys unique
 * @param notes  what the file holds beside the arrays that a user may want to see (a Keras
 *               {@code model_config}, a Paddle name table); empty when none
 */
public record WeightFile(String format, List<WeightArray> arrays, List<String> notes) {
  public WeightFile {
    arrays = List.copyOf(arrays);
    notes = List.copyOf(notes);
    if (arrays.stream().map(WeightArray::name).distinct().count() != arrays.size()) {
      throw new IllegalArgumentException("duplicate array names in a " + format);
    }
  }

  /** The array called {@code name}. */
  public Optional<WeightArray> get(String name) {
    return arrays.stream().filter(a -> a.name().equals(name)).findFirst();
  }
}
