package org.genmodels.shared.cli;

import java.lang.reflect.RecordComponent;

/** Formats a settings record as one line, {@code name=value} for each component ({@code -} for none). */
public final class SettingsLog {
  private SettingsLog() {
  }

  public static String format(Record settings) {
    StringBuilder s = new StringBuilder(settings.getClass().getSimpleName()).append(':');
    for (RecordComponent c : settings.getClass().getRecordComponents()) {
      try {
        Object value = c.getAccessor().invoke(settings);
        String text = value == null ? "-"
            : value instanceof Record r ? "{" + format(r).replaceFirst("^[^:]*: ", "") + "}"
            : String.valueOf(value);
        s.append(' ').append(c.getName()).append('=').append(text);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return s.toString();
  }
}
