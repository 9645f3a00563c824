package dev.askdocs.slack;

import dev.askdocs.answer.Citation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Links to askdocs' own document view: {@code <publicUrl>/?doc=<id>&start=<n>&end=<n>} opens the
 * chat page with the document shown and the quoted passage marked.
 *
 * @param publicUrl askdocs' base URL as chat users reach it, without a trailing slash; empty when
 *     unknown, and then there are no links
 */
record DocumentLinks(String publicUrl) {

  /** The link to a citation's quote, if askdocs' public URL is known. */
  Optional<String> to(Citation c) {
    return to(c.documentId(), c.start(), c.end());
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
