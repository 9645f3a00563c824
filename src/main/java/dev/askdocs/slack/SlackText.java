package dev.askdocs.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Slack's text formats: escaping for mrkdwn, reading formatted user input, splitting long text. */
final class SlackText {
  /** Slack's limit for the text of a section block. */
  static final int SECTION_LIMIT = 3000;

  private static final Pattern ANGLED = Pattern.compile("<([^<>]*)>");

  private SlackText() {}

  /**
   * Escapes {@code &}, {@code <} and {@code >} as Slack requires, so that text from a document is
   * shown as written: {@code <!channel>} or {@code <@U123>} in a document stays text and pings
   * nobody.
   */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * The plain text of a message as Slack sends it: user and channel references become their names
   * (or disappear when they have none), links become their labels, special mentions disappear, and
   * {@code &amp;}, {@code &lt;}, {@code &gt;} become the characters they stand for.
   */
  static String plain(String formatted) {
    if (formatted == null) {
      return "";
    }
    Matcher m = ANGLED.matcher(formatted);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(readable(m.group(1))));
    }
    m.appendTail(out);
    return out.toString()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replaceAll("\\s+", " ")
        .trim();
  }

  private static String readable(String reference) {
    int bar = reference.indexOf('|');
    String target = bar < 0 ? reference : reference.substring(0, bar);
    String label = bar < 0 ? "" : reference.substring(bar + 1);
    if (target.startsWith("@")) {
      return label.isEmpty() ? "" : "@" + label;
    }
    if (target.startsWith("#")) {
      return label.isEmpty() ? "" : "#" + label;
    }
    if (target.startsWith("!")) {
      return label;
    }
    return label.isEmpty() ? target : label;
  }

  /**
   * Cuts {@code text} into pieces of at most {@code limit} characters, at the last line break or
   * space before the limit where there is one, never inside an escape such as {@code &amp;} or a
   * surrogate pair. Joining the pieces with a space gives back the text, up to whitespace.
   */
  static List<String> split(String text, int limit) {
    List<String> pieces = new ArrayList<>();
    String rest = text.strip();
    while (rest.length() > limit) {
      int cut = breakBefore(rest, limit);
      pieces.add(rest.substring(0, cut).stripTrailing());
      rest = rest.substring(cut).stripLeading();
    }
    if (!rest.isEmpty()) {
      pieces.add(rest);
    }
    return pieces;
  }

  private static int breakBefore(String text, int limit) {
    int newline = text.lastIndexOf('\n', limit);
    if (newline > limit / 2) {
      return newline;
    }
    int space = text.lastIndexOf(' ', limit);
    if (space > limit / 2) {
      return space;
    }
    int cut = limit;
    int amp = text.lastIndexOf('&', cut - 1);
    if (amp >= 0 && cut - amp < 5 && text.indexOf(';', amp) >= cut) {
      cut = amp;
    }
    if (Character.isLowSurrogate(text.charAt(cut))) {
      cut--;
    }
    return cut;
  }

  /** {@code text} cut to at most {@code limit} characters, ending in an ellipsis when cut. */
  static String truncate(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    List<String> pieces = split(text, limit - 1);
    return pieces.isEmpty() ? "" : pieces.get(0) + "…";
  }
}
