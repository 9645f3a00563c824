package dev.askdocs.load;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Collects the text a browser would show for an HTML element tree, roughly as it lays it out:
 * whitespace collapses outside {@code <pre>}, block elements start new lines or paragraphs, table
 * cells are separated by tabs. Not thread-safe; one instance per extraction via {@link #of}.
 */
final class HtmlText implements NodeVisitor {
  /** Elements that stand as paragraphs of their own: a blank line before and after. */
  private static final Set<String> PARAGRAPHS =
      Set.of(
          "p",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "pre",
          "blockquote",
          "ul",
          "ol",
          "dl",
          "table",
          "section",
          "article",
          "header",
          "footer",
          "main",
          "aside",
          "nav",
          "figure",
          "hr",
          "address",
          "details",
          "fieldset",
          "form",
          "hgroup");

  /** Elements that start and end a line. */
  private static final Set<String> LINES =
      Set.of(
          "div",
          "li",
          "tr",
          "dt",
          "dd",
          "caption",
          "figcaption",
          "summary",
          "legend",
          "option",
          "dialog",
          "menu",
          "search",
          "center");

  /** Elements whose whitespace the browser keeps as written. */
  private static final Set<String> PREFORMATTED = Set.of("pre", "textarea", "listing", "xmp");

  private final StringBuilder out = new StringBuilder();
  private boolean pendingSpace;
  private int preformattedDepth;

  private HtmlText() {}

  /** The visible text under {@code root}, without trailing whitespace. */
  static String of(Element root) {
    HtmlText text = new HtmlText();
    NodeTraversor.traverse(text, root);
    return text.out.toString();
  }

  @Override
  public void head(Node node, int depth) {
    if (node instanceof TextNode text) {
      if (preformattedDepth > 0) {
        flushSpace();
        out.append(text.getWholeText());
      } else {
        appendCollapsed(text.getWholeText());
      }
    } else if (node instanceof Element element) {
      String name = element.normalName();
      if (name.equals("br")) {
        trimTrailingSpaces();
        if (out.length() > 0) {
          out.append('\n');
        }
        pendingSpace = false;
      } else if (name.equals("td") || name.equals("th")) {
        // Cells of one row stay on one line but must not run together.
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
          trimTrailingSpaces();
          out.append('\t');
        }
        pendingSpace = false;
      }
      breakLine(name);
      if (PREFORMATTED.contains(name)) {
        preformattedDepth++;
      }
    }
  }

  @Override
  public void tail(Node node, int depth) {
    if (node instanceof Element element) {
      String name = element.normalName();
      if (PREFORMATTED.contains(name)) {
        preformattedDepth--;
      }
      breakLine(name);
    }
  }

  private void breakLine(String elementName) {
    if (PARAGRAPHS.contains(elementName)) {
      endWithNewlines(2);
    } else if (LINES.contains(elementName)) {
      endWithNewlines(1);
    }
  }

  /** Collapses HTML whitespace runs to one space, as a browser does outside {@code <pre>}. */
  private void appendCollapsed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pendingSpace = true;
      } else {
        flushSpace();
        out.append(c);
      }
    }
  }

  private void flushSpace() {
    if (pendingSpace && out.length() > 0 && !endsWithWhitespace()) {
      out.append(' ');
    }
    pendingSpace = false;
  }

  /** Makes the text end in at least {@code count} newlines; nothing at the very start. */
  private void endWithNewlines(int count) {
    pendingSpace = false;
    trimTrailingSpaces();
    if (out.length() == 0) {
      return;
    }
    int present = 0;
    while (present < out.length() && out.charAt(out.length() - 1 - present) == '\n') {
      present++;
    }
    out.append("\n".repeat(Math.max(0, count - present)));
  }

  private void trimTrailingSpaces() {
    int end = out.length();
    while (end > 0 && (out.charAt(end - 1) == ' ' || out.charAt(end - 1) == '\t')) {
      end--;
    }
    out.setLength(end);
  }

  private boolean endsWithWhitespace() {
    char last = out.charAt(out.length() - 1);
    return last == ' ' || last == '\n' || last == '\t';
  }
}
