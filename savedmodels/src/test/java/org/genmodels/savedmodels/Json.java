package org.genmodels.savedmodels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for the fixtures' {@code expected.json}: objects become {@code Map}s,
 * arrays {@code List}s, numbers {@code Double}s, plus strings, booleans and null.
 */
final class Json {
  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  static Object read(Path file) throws IOException {
    Json j = new Json(Files.readString(file, StandardCharsets.UTF_8));
    Object v = j.value();
    j.space();
    if (j.pos != j.text.length()) {
      throw j.error("trailing text");
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object v) {
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object v) {
    return (List<Object>) v;
  }

  /** A nested list of numbers, flattened row-major. */
  static float[] floats(Object v) {
    List<Float> out = new ArrayList<>();
    flatten(v, out);
    float[] a = new float[out.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = out.get(i);
    }
    return a;
  }

  /** The shape of a nested list of numbers ({@code []} for a number). */
  static long[] shape(Object v) {
    List<Long> dims = new ArrayList<>();
    while (v instanceof List<?> l) {
      dims.add((long) l.size());
      v = l.isEmpty() ? null : l.get(0);
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }

  private static void flatten(Object v, List<Float> out) {
    if (v instanceof List<?> l) {
      for (Object o : l) {
        flatten(o, out);
      }
    } else {
      out.add(((Double) v).floatValue());
    }
  }

  private Object value() {
    space();
    char c = text.charAt(pos);
    if (c == '{') {
      Map<String, Object> m = new LinkedHashMap<>();
      pos++;
      space();
      if (text.charAt(pos) == '}') {
        pos++;
        return m;
      }
      do {
        space();
        String key = string();
        space();
        expect(':');
        m.put(key, value());
        space();
      } while (text.charAt(pos++) == ',');
      if (text.charAt(pos - 1) != '}') {
        throw error("expected } or ,");
      }
      return m;
    }
    if (c == '[') {
      List<Object> l = new ArrayList<>();
      pos++;
      space();
      if (text.charAt(pos) == ']') {
        pos++;
        return l;
      }
      do {
        l.add(value());
        space();
      } while (text.charAt(pos++) == ',');
      if (text.charAt(pos - 1) != ']') {
        throw error("expected ] or ,");
      }
      return l;
    }
    if (c == '"') {
      return string();
    }
    for (String word : new String[] {"true", "false", "null"}) {
      if (text.startsWith(word, pos)) {
        pos += word.length();
        return word.equals("null") ? null : Boolean.valueOf(word);
      }
    }
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (start == pos) {
      throw error("unexpected character");
    }
    return Double.parseDouble(text.substring(start, pos));
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (text.charAt(pos) != '"') {
      char c = text.charAt(pos++);
      if (c == '\\') {
        char e = text.charAt(pos++);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> b.append(e);
        }
      } else {
        b.append(c);
      }
    }
    pos++;
    return b.toString();
  }

  private void expect(char c) {
    if (text.charAt(pos) != c) {
      throw error("expected " + c);
    }
    pos++;
  }

  private void space() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("JSON: " + what + " at offset " + pos);
  }
}
