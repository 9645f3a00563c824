package dev.askdocs.load;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Markdown into readable plain text, line by line, without a Markdown library: what a reader
 * would see stays, markup goes. Good enough for search and citations, not a renderer.
 */
final class MarkdownText {
  /** The plain text plus the title the source declared, if any (front matter or first heading). */
  record Converted(String declaredTitle, String text) {}

  private static final Pattern FENCE_OPEN = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*$");
  private static final Pattern ATX =
      Pattern.compile("^ {0,3}#{1,6}(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
  private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s+\\S.*$");
  private static final Pattern TABLE_DELIMITER = Pattern.compile("^(?=.*\\|)(?=.*-)[\\s|:-]+$");
  private static final Pattern BLOCKQUOTE = Pattern.compile("^ {0,3}> ?");
  private static final Pattern BULLET = Pattern.compile("^(\\s*)[*+-][ \\t]+");
  private static final Pattern FRONT_MATTER_TITLE = Pattern.compile("^title:\\s*(.+)$");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");

  // A link target: no spaces, one level of balanced parentheses (Wikipedia URLs), optional title.
  private static final String TARGET = "\\((?:[^()\\s]|\\([^()\\s]*\\))*(?:\\s+\"[^\"]*\")?\\)";

  /** Inline markup, applied in this order; group 1 is what the reader sees. */
  private static final List<Pattern> INLINE_MARKUP =
      List.of(
          Pattern.compile("(?<!\\\\)!\\[([^\\]]*)\\]" + TARGET), // image: its alt text
          Pattern.compile("(?<!\\\\)\\[([^\\]]*)\\]" + TARGET), // link: its text
          Pattern.compile("(?<!\\\\)\\[([^\\]]+)\\]\\[[^\\]]*\\]"), // reference link
          Pattern.compile("<((?:https?|ftp|mailto):[^>\\s]+)>"), // autolink
          Pattern.compile("(?<!\\\\)\\*\\*(?=\\S)(.+?)(?<=[^\\s\\\\])\\*\\*"),
          // Underscores inside words (snake_case) are not emphasis.
          Pattern.compile("(?<![\\\\\\w])__(?=\\S)(.+?)(?<=[^\\s\\\\])__(?!\\w)"),
          Pattern.compile("(?<!\\\\)\\*(?=[^\\s*])([^*]*?[^\\s\\\\])\\*"),
          Pattern.compile("(?<![\\\\\\w])_(?=[^\\s_])([^_]*?[^\\s\\\\])_(?!\\w)"),
          Pattern.compile("~~(?=\\S)(.+?)(?<=\\S)~~"),
          Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!<>|~])")); // backslash escape

  private MarkdownText() {}

  static Converted convert(String source) {
    String[] lines = source.split("\n", -1);
    List<String> out = new ArrayList<>();
    String frontMatterTitle = null;
    int start = 0;
    int frontMatterEnd = frontMatterEnd(lines);
    if (frontMatterEnd > 0) {
      frontMatterTitle = frontMatterTitle(lines, frontMatterEnd);
      start = frontMatterEnd + 1;
    }
    String heading = null;
    String fence = null;
    boolean inComment = false;
    for (int i = start; i < lines.length; i++) {
      String line = lines[i];
      if (fence != null) {
        if (closesFence(line, fence)) {
          fence = null;
          out.add("");
        } else {
          out.add(line);
        }
        continue;
      }
      if (inComment) {
        int end = line.indexOf("-->");
        if (end < 0) {
          continue;
        }
        inComment = false;
        line = line.substring(end + 3);
      }
      int open;
      while ((open = line.indexOf("<!--")) >= 0) {
        int close = line.indexOf("-->", open + 4);
        if (close < 0) {
          inComment = true;
          line = line.substring(0, open);
          break;
        }
        line = line.substring(0, open) + line.substring(close + 3);
      }
      Matcher fenceOpen = FENCE_OPEN.matcher(line);
      if (fenceOpen.matches()) {
        fence = fenceOpen.group(1);
        out.add("");
        continue;
      }
      if (REFERENCE_DEFINITION.matcher(line).matches()) {
        continue;
      }
      if (isSetextHeading(line, i + 1 < lines.length ? lines[i + 1] : null)) {
        heading = addHeading(out, inline(line.strip()), heading);
        i++;
        continue;
      }
      if (isThematicBreak(line) || TABLE_DELIMITER.matcher(line).matches()) {
        out.add("");
        continue;
      }
      Matcher atx = ATX.matcher(line);
      if (atx.matches()) {
        heading = addHeading(out, inline(atx.group(1) == null ? "" : atx.group(1)), heading);
        continue;
      }
      out.add(inline(blockMarkersRemoved(line)));
    }
    return new Converted(frontMatterTitle != null ? frontMatterTitle : heading, join(out));
  }

  /** Index of the line closing a leading YAML front matter block, or -1 when there is none. */
  private static int frontMatterEnd(String[] lines) {
    if (lines.length < 2 || !lines[0].strip().equals("---")) {
      return -1;
    }
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.equals("---") || line.equals("...")) {
        return i;
      }
    }
    return -1;
  }

  private static String frontMatterTitle(String[] lines, int end) {
    for (int i = 1; i < end; i++) {
      Matcher m = FRONT_MATTER_TITLE.matcher(lines[i].strip());
      if (m.matches()) {
        return m.group(1).strip().replaceAll("^([\"'])(.*)\\1$", "$2");
      }
    }
    return null;
  }

  /** A closing fence uses the opening character, at least as many times, and nothing else. */
  private static boolean closesFence(String line, String fence) {
    String stripped = line.strip();
    return stripped.length() >= fence.length()
        && stripped.chars().allMatch(c -> c == fence.charAt(0));
  }

  private static boolean isSetextHeading(String line, String next) {
    return next != null
        && !line.isBlank()
        && SETEXT_UNDERLINE.matcher(next).matches()
        && !BULLET.matcher(line).find()
        && !BLOCKQUOTE.matcher(line).find()
        && !ATX.matcher(line).matches()
        && !isThematicBreak(line);
  }

  /** Headings become paragraphs of their own; returns the first heading seen. */
  private static String addHeading(List<String> out, String text, String firstHeading) {
    out.add("");
    out.add(text);
    out.add("");
    return firstHeading == null && !text.isBlank() ? text : firstHeading;
  }

  private static String blockMarkersRemoved(String line) {
    String rest = line;
    Matcher quote;
    while ((quote = BLOCKQUOTE.matcher(rest)).find()) {
      rest = rest.substring(quote.end());
    }
    // "* item" and "+ item" read as "- item"; the star would otherwise look like emphasis.
    return BULLET.matcher(rest).replaceFirst("$1- ");
  }

  /** Removes inline markup outside code spans; code span content is kept verbatim. */
  static String inline(String line) {
    StringBuilder result = new StringBuilder();
    Matcher code = CODE_SPAN.matcher(line);
    int last = 0;
    while (code.find()) {
      result.append(inlineMarkupRemoved(line.substring(last, code.start())));
      result.append(code.group(2).strip());
      last = code.end();
    }
    result.append(inlineMarkupRemoved(line.substring(last)));
    return result.toString();
  }

  private static String inlineMarkupRemoved(String text) {
    String result = text;
    for (Pattern markup : INLINE_MARKUP) {
      result = markup.matcher(result).replaceAll("$1");
    }
    return result;
  }

  /** Joins lines, keeping exactly one blank line between paragraphs. */
  private static String join(List<String> lines) {
    StringBuilder text = new StringBuilder();
    int blanks = 0;
    for (String line : lines) {
      String trimmed = line.stripTrailing();
      if (trimmed.isEmpty()) {
        blanks++;
        continue;
      }
      if (text.length() > 0) {
        text.append(blanks > 0 ? "\n\n" : "\n");
      }
      text.append(trimmed);
      blanks = 0;
    }
    return text.toString();
  }

  /**
   * Three or more of one of {@code - * _}, with spaces or tabs between, indented at most three
   * spaces. Checked by a loop: the regular expression for it recursed once per mark and overflowed
   * the stack on a line of a few thousand.
   */
  static boolean isThematicBreak(String line) {
    int i = 0;
    while (i < line.length() && i < 3 && line.charAt(i) == ' ') {
      i++;
    }
    if (i >= line.length() || "-*_".indexOf(line.charAt(i)) < 0) {
      return false;
    }
    char mark = line.charAt(i);
    int marks = 0;
    for (; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == mark) {
        marks++;
      } else if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return marks >= 3;
  }
}
