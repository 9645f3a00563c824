package dev.askdocs.chunk;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into sentences, as spans into the original text (so quotes can be highlighted
 * exactly). Blank lines, and lines without end punctuation followed by a line break (titles,
 * headings, list items), end a sentence too: {@link BreakIterator} alone would glue a title to the
 * first sentence under it. Thread-safe.
 */
public final class SentenceSplitter {
  /** A blank line, or a line break after a line that has no sentence-ending punctuation. */
  private static final Pattern BLOCK_BREAK =
      Pattern.compile("\\n[ \\t]*\\n\\s*|(?<![.!?:;,\"”’)])\\n");

  /** Sentences of {@code text}, trimmed, in order, never empty. */
  public List<Span> split(String text) {
    return split(text, 0, text.length());
  }

  /** Sentences of {@code text} within {@code [from, to)}, as spans of the whole text. */
  public List<Span> split(String text, int from, int to) {
    List<Span> out = new ArrayList<>();
    Matcher m = BLOCK_BREAK.matcher(text).region(from, to);
    int blockStart = from;
    while (m.find()) {
      splitBlock(text, blockStart, m.start(), out);
      blockStart = m.end();
    }
    splitBlock(text, blockStart, to, out);
    return out;
  }

  private static void splitBlock(String text, int from, int to, List<Span> out) {
    if (from >= to) {
      return;
    }
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    String block = text.substring(from, to);
    it.setText(block);
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      addTrimmed(text, from + start, from + end, out);
    }
  }

  private static void addTrimmed(String text, int start, int end, List<Span> out) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      out.add(new Span(start, end));
    }
  }
}
