package dev.askdocs.http;

import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * An answer's Markdown (lists, tables, emphasis, code) as HTML for the chat page, with nothing from
 * a document or a model able to add markup: raw HTML in the text is escaped, link and image
 * addresses other than http, https and mailto are dropped, and the page copies only the elements it
 * knows, never setting innerHTML. Citation markers {@code [n]} stay text, wherever they stand.
 * Stateless; commonmark's parser and renderer are thread-safe.
 */
final class AnswerMarkdown {
  private static final List<org.commonmark.Extension> EXTENSIONS =
      List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder()
          .extensions(EXTENSIONS)
          .escapeHtml(true)
          .sanitizeUrls(true)
          .softbreak("\n")
          .build();

  private AnswerMarkdown() {}

  /** The HTML of {@code markdown}; null for null. */
  static String html(String markdown) {
    return markdown == null ? null : RENDERER.render(PARSER.parse(markdown));
  }
}
