package org.genmodels.shared.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.genmodels.shared.cli.UserException;

/**
 * A kind of directory this project writes, told by the names of what it holds, so that
 * {@link AtomicFiles#writeDirectory} replaces an existing directory only when it is one of its own
 * kind: an earlier checkpoint, export or cache. Anything else there is someone's data, and is
 * refused with a {@link UserException} that names what is there, what was expected and
 * {@link #remedy() what to do}. An empty directory holds nothing to lose and is used.
 *
 * <p>{@link #entries()} are glob patterns of the paths the directory may hold, relative to it and
 * {@code /}-separated: {@code *} stands for any run of characters within one name, and a pattern
 * ending in {@code /} is a subdirectory, whose own entries need patterns of their own
 * ({@code variables/}, {@code variables/variables.index}). A directory holding a subset of the
 * patterns (a checkpoint without {@code run.properties}, say) is of the kind. Where each kind is
 * defined: {@code Checkpoints.DIRECTORY} (training checkpoints), {@code ModelExport.DIRECTORY}
 * (exports), the judge's cache in {@code Judge}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name    what the directory is, without an article, for messages: {@code checkpoint}
 * @param entries glob patterns of what it may hold; empty for {@link #anything}
 * @param remedy  what a user whose directory is refused can do: {@code give another --output}
 */
public record DirectoryKind(String name, List<String> entries, String remedy) {
  /** How many entries a refusal names. */
  private static final int NAMED = 5;

  public DirectoryKind {
    entries = List.copyOf(entries);
    for (String e : entries) {
      if (e.isEmpty() || e.startsWith("/") || e.contains("//") || e.contains("**")) {
        throw new IllegalArgumentException("not a relative glob of names: '" + e + "'");
      }
    }
  }

  /** A kind of directory holding what {@code entries} match. */
  public static DirectoryKind of(String name, String remedy, String... entries) {
    if (entries.length == 0) {
      throw new IllegalArgumentException("a kind of directory holds something: give its entries");
    }
    return new DirectoryKind(name, List.of(entries), remedy);
  }

  /**
   * Replaces whatever is there: only for an explicit choice of the user's ({@code --force}), and
   * never where the directory holds what is being read ({@link DistinctPaths}).
   */
  public static DirectoryKind anything(String name) {
    return new DirectoryKind(name, List.of(), "");
  }

  /** This kind, also allowing {@code more} (a file a later version writes beside the others). */
  public DirectoryKind withEntries(String... more) {
    List<String> all = new ArrayList<>(entries);
    all.addAll(List.of(more));
    return new DirectoryKind(name, all, remedy);
  }

  /** This kind, with another way out for a refused user (a command's own options). */
  public DirectoryKind withRemedy(String otherRemedy) {
    return new DirectoryKind(name, entries, otherRemedy);
  }

  /** Whether this kind replaces whatever is there ({@link #anything}). */
  public boolean isAnything() {
    return entries.isEmpty();
  }

  /**
   * Checks that {@code target} may be replaced by a directory of this kind: it does not exist,
   * is an empty directory, or holds only what this kind holds.
   *
   * @throws UserException naming the target, a few of its entries and how many, this kind's
   *                       entries and the remedy
   */
  public void requireReplaceable(Path target) {
    if (isAnything() || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    String what = a(name) + " (" + topLevel() + ")";
    if (Files.isSymbolicLink(target)) {
      throw refusal(target + " is a symbolic link, not " + what);
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw refusal(target + " is a file, not " + what);
    }
    try {
      String stranger = firstStranger(target, "");
      if (stranger == null) {
        return;
      }
      List<String> names = listed(target);
      String few = names.stream().limit(NAMED).collect(Collectors.joining(", "))
          + (names.size() > NAMED ? ", …" : "");
      throw refusal(String.format(Locale.ROOT, "%s holds %d %s (%s), not %s, which has no %s", target,
          names.size(), names.size() == 1 ? "entry" : "entries", few, what, stranger));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + target + " to check what it holds: " + e.getMessage(), e);
    }
  }

  private UserException refusal(String what) {
    return new UserException(what + ": it is left as it is; " + remedy);
  }

  /**
   * The first entry under {@code dir} ({@code prefix} its relative path), in name order, that no
   * pattern matches; null when all match.
   */
  private String firstStranger(Path dir, String prefix) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.sorted().toList()) {
        boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        String relative = prefix + p.getFileName() + (isDir ? "/" : "");
        if (!matches(relative)) {
          return relative;
        }
        String below = isDir ? firstStranger(p, relative) : null;
        if (below != null) {
          return below;
        }
      }
    }
    return null;
  }

  private boolean matches(String relative) {
    for (String e : entries) {
      if (glob(e).matcher(relative).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append("[^/]*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  /** The entries of the directory itself (not of its subdirectories), for messages. */
  private String topLevel() {
    return entries.stream().filter(e -> e.indexOf('/') < 0 || e.indexOf('/') == e.length() - 1)
        .collect(Collectors.joining(", "));
  }

  /** What {@code dir} holds, sorted, a directory with a trailing {@code /}. */
  private static List<String> listed(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName() + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""))
          .sorted().toList();
    }
  }

  /** {@code noun} with its indefinite article. */
  private static String a(String noun) {
    return ("aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
  }
}
