package org.genmodels.shared.cli;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses an option's value to one of an enum's constants by {@link CliName#cliName()}, in any
 * case. {@link Cli#execute} registers one, for every constant, for each {@link CliName} enum its
 * commands' options have; an option that takes only some of them names a subclass as its
 * {@code converter}. Stateless; thread-safe.
 *
 * @param <E> the enum
 */
public class CliNameConverter<E extends Enum<E> & CliName> implements ITypeConverter<E> {
  /** A value that names none of the choices: {@link Cli} reports it with the option's name. */
  public static final class UnknownName extends TypeConversionException {
    private static final long serialVersionUID = 1L;
    private final String value;
    private final String choices;

    UnknownName(String value, String choices) {
      super("unknown value '" + value + "': use " + choices);
      this.value = value;
      this.choices = choices;
    }

    /** {@code unknown value 'l1' for --reconstruction: use bce or mse}. */
    public String messageFor(String option) {
      return "unknown value '" + value + "' for " + option + ": use " + choices;
    }
  }

  private final List<E> choices;

  /** Takes the constants {@code choices}, e.g. the weight initializations a model offers. */
  public CliNameConverter(List<E> choices) {
    this.choices = List.copyOf(choices);
  }

  /** Takes every constant of {@code type}. */
  public CliNameConverter(Class<E> type) {
    this(List.of(type.getEnumConstants()));
  }

  @Override
  public E convert(String value) {
    return CliName.find(choices, value).orElseThrow(() -> new UnknownName(value, CliName.list(choices)));
  }

  /**
   * Registers a converter of every constant for each {@link CliName} enum that an option of
   * {@code top} or of its subcommands takes, and shows such an option's default in {@code --help}
   * by its {@link CliName#cliName()} rather than its Java name (the default is parsed back to the
   * same constant).
   */
  static void registerAll(CommandLine top) {
    Set<Class<?>> types = new LinkedHashSet<>();
    collect(top, types);
    types.stream().filter(t -> t.isEnum() && CliName.class.isAssignableFrom(t)).forEach(t -> register(top, t));
    if (top.getDefaultValueProvider() == null) {
      top.setDefaultValueProvider(arg -> arg.initialValue() instanceof CliName c ? c.cliName() : null);
    }
  }

  private static void collect(CommandLine cl, Set<Class<?>> types) {
    for (ArgSpec arg : cl.getCommandSpec().args()) {
      types.add(arg.type());
      types.addAll(Arrays.asList(arg.auxiliaryTypes()));
    }
    cl.getSubcommands().values().forEach(sub -> collect(sub, types));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void register(CommandLine cl, Class<?> type) {
    cl.registerConverter((Class) type, new CliNameConverter((Class) type));
  }
}
