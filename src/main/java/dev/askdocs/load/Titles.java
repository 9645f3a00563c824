package dev.askdocs.load;

import java.nio.file.Path;

/** Title rules shared by the loaders: trimmed, one line, never blank, never absurdly long. */
final class Titles {
  /** Long enough for any real title; a "title" longer than this is a paragraph. */
  static final int MAX_LENGTH = 200;

  private Titles() {}

  /** {@code candidate} trimmed, whitespace runs collapsed and capped, or null when blank. */
  static String clean(String candidate) {
    if (candidate == null || candidate.isBlank()) {
      return null;
    }
    String title = candidate.strip().replaceAll("\\s+", " ");
    if (title.length() > MAX_LENGTH) {
      int end = MAX_LENGTH;
      // Never cut a surrogate pair in half.
      if (Character.isHighSurrogate(title.charAt(end - 1))) {
        end--;
      }
      title = title.substring(0, end).strip();
    }
    return title;
  }

  /** The first non-blank line of {@code text}, cleaned, or null when there is none. */
  static String firstLine(String text) {
    for (String line : text.split("\n", -1)) {
      if (!line.isBlank()) {
        return clean(line);
      }
    }
    return null;
  }

  /** The file name without its extension, the fallback when a document names itself nowhere. */
  static String fromFileName(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String title = clean(base);
    return title == null ? "untitled" : title;
  }
}
