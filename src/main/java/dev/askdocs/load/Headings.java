package dev.askdocs.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Heading paths ({@code "Handbook › Leave › Parental leave"}) for documents with {@code h1}–{@code
 * h6}: a heading replaces the one of its level and clears the deeper ones. A heading of the
 * document's top level (the highest level that occurs at least twice, or any higher) starts a hard
 * section, which chunks do not cross. Stateless.
 */
final class Headings {
  static final String SEPARATOR = " › ";
  private static final int MAX_HEADING_CHARS = 80;

  private Headings() {}

  /** A heading: its level (1-6) and its text, empty when it has none. */
  record Heading(int level, String text) {}

  /** Marks every heading under {@code root} that {@code include} admits with its path. */
  static void mark(Element root, SectionMarks marks, Predicate<Element> include) {
    List<Element> elements =
        root.select("h1, h2, h3, h4, h5, h6").stream().filter(include).toList();
    List<Heading> headings = new ArrayList<>();
    for (Element h : elements) {
      headings.add(new Heading(h.normalName().charAt(1) - '0', text(h)));
    }
    List<String> paths = paths(headings);
    int top = topLevel(headings);
    for (int i = 0; i < elements.size(); i++) {
      if (!headings.get(i).text().isEmpty()) {
        marks.mark(elements.get(i), paths.get(i), 0, headings.get(i).level() <= top);
      }
    }
  }

  /** For each heading in order, its path: the headings above it and itself. */
  static List<String> paths(List<Heading> headings) {
    String[] open = new String[7];
    List<String> out = new ArrayList<>();
    for (Heading h : headings) {
      if (h.text().isEmpty()) {
        out.add(null);
        continue;
      }
      open[h.level()] = h.text();
      for (int deeper = h.level() + 1; deeper < open.length; deeper++) {
        open[deeper] = null;
      }
      List<String> path = new ArrayList<>();
      for (int level = 1; level <= h.level(); level++) {
        if (open[level] != null) {
          path.add(open[level]);
        }
      }
      out.add(String.join(SEPARATOR, path));
    }
    return out;
  }

  /** The highest level that occurs at least twice; 0 (none hard) when every level occurs once. */
  static int topLevel(List<Heading> headings) {
    int[] count = new int[7];
    headings.stream().filter(h -> !h.text().isEmpty()).forEach(h -> count[h.level()]++);
    for (int level = 1; level < count.length; level++) {
      if (count[level] >= 2) {
        return level;
      }
    }
    return 0;
  }

  /**
   * The heading's own words: its text up to the first block inside it (Tika puts an ODF heading's
   * annotations and footnotes there as paragraphs), without e-book page numbers.
   */
  private static String text(Element h) {
    StringBuilder words = new StringBuilder();
    for (Node n : h.childNodes()) {
      if (n instanceof Element e && e.isBlock() && !e.normalName().equals("br")) {
        break;
      }
      if (n instanceof Element e) {
        Element copy = e.clone();
        copy.select(".x-ebookmaker-pageno").remove();
        words.append(copy.text());
      } else if (n instanceof TextNode t) {
        words.append(t.text());
      }
      words.append(' ');
    }
    return shortened(words.toString().replaceAll("\\s+", " ").strip());
  }

  /** A heading cut to {@value #MAX_HEADING_CHARS} characters, with an ellipsis when cut. */
  static String shortened(String text) {
    return text.length() <= MAX_HEADING_CHARS
        ? text
        : text.substring(0, MAX_HEADING_CHARS).strip() + "…";
  }
}
