package org.genmodels.shared.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link KerasConfig}'s layer outlines and the {@link Json} parser under them. */
class KerasConfigTest {
  @Test
  void nestedFunctionalModelsAreIndented() {
    String json = "{\"class_name\": \"Model\", \"config\": {\"name\": \"vae\", \"layers\": ["
        + "{\"name\": \"encoder_input\", \"class_name\": \"InputLayer\", \"config\": {\"name\": \"encoder_input\"}},"
        + "{\"name\": \"encoder\", \"class_name\": \"Model\", \"config\": {\"name\": \"encoder\", \"layers\": ["
        + "{\"name\": \"conv2d_1\", \"class_name\": \"Conv2D\", \"config\": {\"strides\": [2, 2]}}]}},"
        + "{\"name\": \"decoder\", \"class_name\": \"Model\", \"config\": {\"name\": \"decoder\", \"layers\": []}}]}}";
    assertEquals(String.join("\n",
        "Model vae, 3 layers:",
        "  InputLayer encoder_input",
        "  Model encoder, 1 layer:",
        "    Conv2D conv2d_1",
        "  Model decoder, 0 layers:"), KerasConfig.outline(json));
  }

  @Test
  void keras21SequentialConfigIsTheLayerListAndNamesSitInTheLayerConfig() {
    String json = "{\"class_name\": \"Sequential\", \"config\": ["
        + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense_1\", \"units\": 256}},"
        + "{\"class_name\": \"Dropout\", \"config\": {\"name\": \"dropout_1\", \"rate\": 0.5}}]}";
    assertEquals("Sequential, 2 layers:\n  Dense dense_1\n  Dropout dropout_1", KerasConfig.outline(json));
  }

  @Test
  void unreadableConfigsSaySo() {
    assertEquals("not readable: invalid JSON at offset 16: expected '}'", KerasConfig.outline("{\"class_name\": 1"));
    assertEquals("not readable: not a JSON object", KerasConfig.outline("[1, 2]"));
    assertEquals("not readable: invalid JSON at offset 201: nested deeper than 200",
        KerasConfig.outline("[".repeat(300)));
    assertEquals("? x", KerasConfig.outline("{\"name\": \"x\"}"));
  }

  @Test
  void jsonValuesAsPythonWritesThem() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("s", "a\"b\\c/\u00e9\n");
    expected.put("n", -12.5e-1);
    expected.put("list", Arrays.asList(true, false, null, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY));
    expected.put("empty", List.of());
    expected.put("obj", Map.of());
    assertEquals(expected, Json.parse(" {\"s\": \"a\\\"b\\\\c\\/\\u00e9\\n\", \"n\": -12.5e-1, \"list\": [true, false,"
        + " null, NaN, Infinity, -Infinity], \"empty\": [], \"obj\": {}} "));
  }

  @Test
  void jsonErrorsGiveTheOffset() {
    for (String[] c : new String[][] {
        {"{\"a\" 1}", "invalid JSON at offset 5: expected ':'"},
        {"[1, 2", "invalid JSON at offset 5: expected ']'"},
        {"\"abc", "invalid JSON at offset 4: unterminated string"},
        {"\"\\u12\"", "invalid JSON at offset 3: short \\u escape"},
        {"\"\\u12zz\"", "invalid JSON at offset 3: bad \\u escape"},
        {"\"\\q\"", "invalid JSON at offset 3: bad escape \\q"},
        {"1.2.3", "invalid JSON at offset 5: bad number 1.2.3"},
        {"[] x", "invalid JSON at offset 3: text after the value"},
        {"", "invalid JSON at offset 0: unexpected end"},
        {"@", "invalid JSON at offset 0: unexpected character '@'"}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(c[0]), c[0]);
      assertEquals(c[1], e.getMessage(), c[0]);
    }
  }
}
