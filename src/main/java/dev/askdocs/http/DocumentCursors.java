package dev.askdocs.http;

import dev.askdocs.BadInputException;
import dev.askdocs.index.DocumentPage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The {@code cursor} of {@code GET /api/v1/documents}: where a page ended (a document's id and
 * source path), as an opaque URL-safe string. A cursor names only a position, not a document the
 * caller may read: the next page is listed with the caller's filter as every page is.
 */
final class DocumentCursors {
  private static final Pattern ID = Pattern.compile("[0-9A-Za-z._-]{1,200}");

  private DocumentCursors() {}

  static String encode(DocumentPage.After after) {
    if (after == null) {
      return null;
    }
    byte[] raw = (after.id() + ":" + after.source()).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** The position a cursor names; null for none; a 400 for one this server did not write. */
  static DocumentPage.After decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String raw =
          new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
      int colon = raw.indexOf(':');
      if (colon > 0 && ID.matcher(raw.substring(0, colon)).matches()) {
        return new DocumentPage.After(raw.substring(colon + 1), raw.substring(0, colon));
      }
    } catch (IllegalArgumentException e) {
      // Not base64: refused below like any other cursor this server did not write.
    }
    throw new BadInputException(
        "bad_value", "cursor", "'cursor' must be the 'next' of a previous page");
  }
}
