package org.genmodels.savedmodels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * A signature of a SavedModel as its {@code SignatureDef} states it: key, method and the specs
 * of its named inputs and outputs, each list sorted by name (protobuf maps keep no order).
 *
 * @param key     the signature's key, e.g. {@code serving_default}
 * @param method  e.g. {@code tensorflow/serving/predict}
 * @param inputs  the inputs, by name
 * @param outputs the outputs, by name
 */
public record SignatureSpec(String key, String method, List<TensorSpec> inputs, List<TensorSpec> outputs) {
  /** The key of a TF2 SavedModel's initialization op, which is no function to call. */
  public static final String INIT_OP_KEY = "__saved_model_init_op";

  public SignatureSpec {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** The spec of {@code def} under {@code key}. */
  public static SignatureSpec of(String key, SignatureDef def) {
    return new SignatureSpec(key, def.getMethodName(), specs(def.getInputsMap()), specs(def.getOutputsMap()));
  }

  public Optional<TensorSpec> input(String name) {
    return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Optional<TensorSpec> output(String name) {
    return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public List<String> inputNames() {
    return inputs.stream().map(TensorSpec::name).toList();
  }

  public List<String> outputNames() {
    return outputs.stream().map(TensorSpec::name).toList();
  }

  private static List<TensorSpec> specs(Map<String, TensorInfo> map) {
    List<TensorSpec> out = new ArrayList<>();
    map.forEach((name, info) -> out.add(TensorSpec.of(name, info)));
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }
}
