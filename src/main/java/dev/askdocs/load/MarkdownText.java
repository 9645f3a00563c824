package dev.askdocs.load;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;

/**
 * Turns Markdown into readable plain text with commonmark-java (CommonMark plus GitHub tables):
 * what a reader would see stays, markup goes. Headings, paragraphs, code blocks and tables are
 * paragraphs of their own (one blank line between); list items are lines ({@code "- item"}); soft
 * line breaks stay line breaks; link and image targets, HTML comments and tags, and YAML front
 * matter are dropped, link text and alt text kept. Tables are written by {@link TableRows}.
 * Stateless; commonmark's {@link Parser} is thread-safe.
 */
final class MarkdownText {
  /**
   * The plain text plus the title the source declared, if any (front matter or first heading), and
   * the heading path of each heading ({@link Headings}).
   */
  record Converted(String declaredTitle, String text, List<Section> sections) {}

  private static final Parser PARSER =
      Parser.builder().extensions(List.of(TablesExtension.create())).build();
  private static final Pattern FRONT_MATTER_TITLE = Pattern.compile("^title:\\s*(.+)$");

  private MarkdownText() {}

  static Converted convert(String source) {
    String[] lines = source.split("\n", -1);
    String frontMatterTitle = null;
    int frontMatterEnd = frontMatterEnd(lines);
    String body = source;
    if (frontMatterEnd > 0) {
      frontMatterTitle = frontMatterTitle(lines, frontMatterEnd);
      body = String.join("\n", List.of(lines).subList(frontMatterEnd + 1, lines.length));
    }
    Blocks blocks = new Blocks();
    blocks.visitChildren(PARSER.parse(body));
    String title = frontMatterTitle != null ? frontMatterTitle : blocks.firstHeading;
    String text = blocks.text();
    return new Converted(title, text, blocks.sections());
  }

  /** The blocks of a document, in order, each with whether it is a list item. */
  private static final class Blocks {
    private final List<String> texts = new ArrayList<>();
    private final List<Boolean> listItems = new ArrayList<>();
    private final List<Integer> blockStarts = new ArrayList<>();
    private final List<Integer> headingBlocks = new ArrayList<>();
    private final List<Headings.Heading> headings = new ArrayList<>();
    private String firstHeading;

    void visitChildren(Node parent) {
      for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
        visit(n);
      }
    }

    private void visit(Node node) {
      if (node instanceof Heading) {
        String text = inline(node);
        if (firstHeading == null && !text.isBlank()) {
          firstHeading = text;
        }
        if (!text.isBlank()) {
          headingBlocks.add(texts.size());
          headings.add(new Headings.Heading(((Heading) node).getLevel(), heading(text)));
        }
        add(text, false);
      } else if (node instanceof Paragraph) {
        add(inline(node), false);
      } else if (node instanceof BulletList || node instanceof OrderedList) {
        int number = node instanceof OrderedList o ? startOf(o) : 0;
        for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
          listItem((ListItem) item, number == 0 ? "- " : number++ + ". ");
        }
      } else if (node instanceof FencedCodeBlock code) {
        add(stripTrailingNewline(code.getLiteral()), false);
      } else if (node instanceof IndentedCodeBlock code) {
        add(stripTrailingNewline(code.getLiteral()), false);
      } else if (node instanceof HtmlBlock html) {
        // Comments vanish; other HTML shows its text, as a browser would.
        add(Jsoup.parse(html.getLiteral()).text(), false);
      } else if (node instanceof TableBlock) {
        add(String.join("\n", TableRows.lines(tableRows(node))), false);
      } else if (node instanceof BlockQuote) {
        visitChildren(node);
      } else if (!(node instanceof ThematicBreak) && !(node instanceof LinkReferenceDefinition)) {
        visitChildren(node);
      }
    }

    /** The item's first paragraph follows the marker; its other blocks (nested lists) follow. */
    private void listItem(ListItem item, String marker) {
      Node first = item.getFirstChild();
      if (first instanceof Paragraph) {
        add(marker + inline(first), true);
        first = first.getNext();
      } else {
        add(marker.strip(), true);
      }
      for (Node n = first; n != null; n = n.getNext()) {
        int before = texts.size();
        visit(n);
        for (int i = before; i < texts.size(); i++) {
          listItems.set(i, true);
        }
      }
    }

    private void add(String text, boolean listItem) {
      if (!text.isBlank()) {
        texts.add(text.strip());
        listItems.add(listItem);
      }
    }

    String text() {
      StringBuilder out = new StringBuilder();
      blockStarts.clear();
      for (int i = 0; i < texts.size(); i++) {
        if (i > 0) {
          out.append(listItems.get(i) && listItems.get(i - 1) ? "\n" : "\n\n");
        }
        blockStarts.add(out.length());
        out.append(texts.get(i));
      }
      return out.toString();
    }

    /** The headings' sections at their blocks' offsets; call after {@link #text()}. */
    List<Section> sections() {
      List<String> paths = Headings.paths(headings);
      int top = Headings.topLevel(headings);
      List<Section> out = new ArrayList<>();
      for (int i = 0; i < headings.size(); i++) {
        out.add(
            Section.of(
                blockStarts.get(headingBlocks.get(i)),
                paths.get(i),
                headings.get(i).level() <= top));
      }
      return out;
    }

    /** A heading on one line, at most as long as {@link Headings} keeps one. */
    private static String heading(String text) {
      return Headings.shortened(text.replaceAll("\\s+", " ").strip());
    }
  }

  private static int startOf(OrderedList list) {
    Integer start = list.getMarkerStartNumber();
    return start == null ? 1 : Math.max(1, start);
  }

  private static List<List<String>> tableRows(Node table) {
    List<List<String>> rows = new ArrayList<>();
    collectRows(table, rows);
    return rows;
  }

  private static void collectRows(Node node, List<List<String>> rows) {
    for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof TableRow) {
        List<String> cells = new ArrayList<>();
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
          if (c instanceof TableCell) {
            cells.add(inline(c));
          }
        }
        rows.add(cells);
      } else {
        collectRows(n, rows);
      }
    }
  }

  /** The visible text of an inline container: literals, code, alt and link text, line breaks. */
  private static String inline(Node node) {
    StringBuilder out = new StringBuilder();
    appendInline(node, out);
    return out.toString();
  }

  private static void appendInline(Node node, StringBuilder out) {
    for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Text text) {
        out.append(text.getLiteral());
      } else if (n instanceof Code code) {
        out.append(code.getLiteral());
      } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
        out.append('\n');
      } else if (!(n instanceof HtmlInline)) {
        appendInline(n, out);
      }
    }
  }

  private static String stripTrailingNewline(String literal) {
    return literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
  }

  /** The line closing YAML front matter that opens the file, or -1 when there is none. */
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
}
