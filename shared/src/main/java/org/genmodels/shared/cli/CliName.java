package org.genmodels.shared.cli;

import java.util.List;
import java.util.Optional;

/**
 * An enum whose constants the command line names by words of their own ({@code bce},
 * {@code truncated-normal}, {@code vae-py}). {@link Cli#execute} parses every option of such a
 * type through a {@link CliNameConverter} (any case; a bad value is one {@code error:} line
 * listing the valid ones) and shows its default in {@code --help} by this name.
 */
public interface CliName {
  /** The word the command line takes for this constant. */
  String cliName();

  /** The constant of {@code choices} whose {@link #cliName()} is {@code name}, case and surrounding blanks ignored. */
  static <E extends CliName> Optional<E> find(List<E> choices, String name) {
    String n = name.trim();
    return choices.stream().filter(c -> c.cliName().equalsIgnoreCase(n)).findFirst();
  }

  /** {@code keras, torch or truncated-normal}: the names of {@code choices}, for messages. */
  static String list(List<? extends CliName> choices) {
    List<String> names = choices.stream().map(CliName::cliName).toList();
    return names.size() < 2 ? String.join("", names)
        : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }
}
