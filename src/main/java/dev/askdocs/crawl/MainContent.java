package dev.askdocs.crawl;

import java.net.URI;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A page's main content, without the navigation, header, footer and sidebars around it: the first
 * {@code <main>}, else the first {@code <article>}, else the first {@code [role=main]}, else the
 * body without {@code nav}, {@code header}, {@code footer}, {@code aside} and their ARIA roles.
 * Navigation inside the chosen element (breadcrumbs, "next page" bars) goes too. Stateless and
 * thread-safe.
 */
public final class MainContent {
  private static final String BOILERPLATE =
      "nav, aside, [role=navigation], [role=complementary], script, style, noscript, template";
  private static final String PAGE_FRAME =
      "header, footer, [role=banner], [role=contentinfo], [role=search], " + BOILERPLATE;

  private MainContent() {}

  /** A copy of the main content element of {@code page}; the page itself is not changed. */
  public static Element of(Document page) {
    Element main = page.selectFirst("main");
    if (main == null) {
      main = page.selectFirst("article");
    }
    if (main == null) {
      main = page.selectFirst("[role=main]");
    }
    if (main != null) {
      Element copy = main.clone();
      copy.select(BOILERPLATE).remove();
      return copy;
    }
    Element body = page.body().clone();
    body.select(PAGE_FRAME).remove();
    body.tagName("main");
    return body;
  }

  /**
   * The mirror file's HTML: the page's title, its canonical URL as {@code <link rel="canonical">},
   * and its main content as the body.
   */
  public static String mirrorHtml(Document page, URI canonical) {
    Document out = Document.createShell(canonical.toString());
    out.outputSettings().prettyPrint(false);
    out.charset(java.nio.charset.StandardCharsets.UTF_8);
    out.title(page.title());
    out.head().appendElement("link").attr("rel", "canonical").attr("href", canonical.toString());
    out.body().appendChild(of(page));
    return out.outerHtml();
  }
}
