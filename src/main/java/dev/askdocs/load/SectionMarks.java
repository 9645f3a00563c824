package dev.askdocs.load;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;

/**
 * Finds where sections begin in text extracted from an element tree: a mark (two Unicode
 * noncharacters around a number, which no document text holds) is put in front of a section's first
 * visible text, the tree is turned into text, and {@link #strip} takes the marks out again, keeping
 * their offsets. So the offsets are exactly those of the text {@link HtmlText} lays out. Not
 * thread-safe; one instance per document.
 */
final class SectionMarks {
  private static final char OPEN = '\uFDD0';
  private static final char CLOSE = '\uFDD1';

  /** The sections marked so far, their starts not yet known (0). */
  private final List<Section> marked = new ArrayList<>();

  /** Text with the marks taken out, and the sections at their offsets in it. */
  record Stripped(String text, List<Section> sections) {}

  /**
   * Marks {@code element}'s first visible text as the start of a section; an element without
   * visible text starts none.
   */
  void mark(Element element, String location, int row, boolean hard) {
    TextNode first = firstText(element);
    if (first != null) {
      first.text(prefixed(first.getWholeText(), location, row, hard));
    }
  }

  /** The text of a new paragraph, marked as the start of a section. */
  String marked(String text, String location, int row, boolean hard) {
    return prefixed(text, location, row, hard);
  }

  private String prefixed(String text, String location, int row, boolean hard) {
    int lead = 0;
    while (lead < text.length() && Character.isWhitespace(text.charAt(lead))) {
      lead++;
    }
    String mark = OPEN + Integer.toString(marked.size()) + CLOSE;
    marked.add(new Section(0, location, row, hard));
    return text.substring(0, lead) + mark + text.substring(lead);
  }

  /** Takes the marks out of {@code text}, which may also hold stray mark characters: they go. */
  Stripped strip(String text) {
    StringBuilder out = new StringBuilder(text.length());
    List<Section> sections = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == OPEN) {
        int close = text.indexOf(CLOSE, i + 1);
        Integer n = close < 0 ? null : number(text.substring(i + 1, close));
        if (n != null && n < marked.size()) {
          Section s = marked.get(n);
          sections.add(new Section(out.length(), s.location(), s.row(), s.hard()));
          i = close + 1;
          continue;
        }
      } else if (c != CLOSE) {
        out.append(c);
      }
      i++;
    }
    return new Stripped(out.toString(), sections);
  }

  private static Integer number(String digits) {
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Integer.parseInt(digits);
  }

  private static TextNode firstText(Element element) {
    TextNode[] found = new TextNode[1];
    NodeTraversor.filter(
        new org.jsoup.select.NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t && !t.isBlank()) {
              found[0] = t;
              return FilterResult.STOP;
            }
            return FilterResult.CONTINUE;
          }
        },
        element);
    return found[0];
  }
}
