package org.genmodels.shared.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** Checks on the {@code --help} text of a command and all its subcommands. */
public final class HelpText {
  /** A description's own statement of the default: "(default: 100)", "default is", "Default: cpu.". */
  private static final java.util.regex.Pattern STATES_A_DEFAULT =
      java.util.regex.Pattern.compile("\\(default\\b|\\bdefault\\s*[:=]|\\bdefault is\\b");
  private HelpText() {
  }

  /**
   * The options, as {@code "command --option"}, whose help states the default twice: picocli's
   * {@code Default: x} line and a "default" of its own in the description.
   */
  public static List<String> defaultsStatedTwice(Object command) {
    List<String> found = new ArrayList<>();
    collect(new CommandLine(command), found);
    return found;
  }

  private static void collect(CommandLine cl, List<String> found) {
    String name = cl.getCommandSpec().qualifiedName();
    List<String> block = new ArrayList<>();
    for (String line : cl.getUsageMessage(CommandLine.Help.Ansi.OFF).split("\n")) {
      if (line.matches("^\\s{2,6}(-\\w, )?--\\S.*|^\\s{2}-\\w.*")) {
        check(name, block, found);
        block.clear();
      }
      block.add(line);
    }
    check(name, block, found);
    cl.getSubcommands().values().forEach(sub -> collect(sub, found));
  }

  private static void check(String command, List<String> block, List<String> found) {
    if (block.isEmpty() || !block.get(0).trim().startsWith("-")) {
      return;
    }
    String text = String.join(" ", block);
    int shown = text.split("Default: ", -1).length - 1;
    // the description without picocli's "Default: <value>" (a value may say "default" itself)
    String description = text.replaceAll("Default: \\S*", "").toLowerCase(Locale.ROOT);
    if (shown > 1 || shown == 1 && STATES_A_DEFAULT.matcher(description).find()) {
      found.add(command + " " + block.get(0).trim().split("\\s")[0]);
    }
  }
}
