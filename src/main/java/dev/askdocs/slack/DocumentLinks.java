package dev.askdocs.slack;

import dev.askdocs.answer.Citation;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Links to askdocs' own document view: {@code <publicUrl>/?doc=<id>&start=<n>&end=<n>} opens the
 * chat page with the document shown and the quoted passage marked. A citation of a crawled web page
 * links to the page itself instead (only an http or https URL, with the characters that would end a
 * Slack or Markdown link percent-encoded), whether or not the public URL is known.
 *
 * @param publicUrl askdocs' base URL as chat users reach it, without a trailing slash; empty when
 *     unknown, and then there are no links
 */
record DocumentLinks(String publicUrl) {

  /** The link to a citation's quote, if askdocs' public URL is known. */
  Optional<String> to(Citation c) {
    String page = webPage(c.url());
    return page != null ? Optional.of(page) : to(c.documentId(), c.start(), c.end());
  }

  /**
   * A crawled page's address as a link target in Slack's {@code <url|label>} and Markdown's {@code
   * [label](url)}: null unless it is an absolute http or https URL.
   */
  static String webPage(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        return null;
      }
    } catch (URISyntaxException e) {
      return null; // not an address a chat client could open: no link
    }
    StringBuilder out = new StringBuilder();
    for (char ch : url.strip().toCharArray()) {
      switch (ch) {
        case '|', '<', '>', '(', ')', '[', ']', ' ', '"', '\\', '`' ->
            out.append('%').append(String.format("%02X", (int) ch));
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  /** The link to a document, opened at the passage {@code start}-{@code end}. */
  Optional<String> to(String documentId, int start, int end) {
    if (publicUrl.isEmpty()) {
      return Optional.empty();
    }
    String id = URLEncoder.encode(documentId, StandardCharsets.UTF_8);
    return Optional.of(publicUrl + "/?doc=" + id + "&start=" + start + "&end=" + end);
  }

  /** The link to a whole document. */
  Optional<String> to(String documentId) {
    if (publicUrl.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        publicUrl + "/?doc=" + URLEncoder.encode(documentId, StandardCharsets.UTF_8));
  }
}
