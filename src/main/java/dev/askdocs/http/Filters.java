package dev.askdocs.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.BadInputException;
import dev.askdocs.index.ChunkFilter;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a {@link ChunkFilter} from a request: the JSON field {@code "filter": {"sourcePrefix":
 * [...], "documentIds": [...]}} or the repeatable query parameters {@code source} and {@code
 * documentId}.
 */
final class Filters {
  static final int MAX_VALUES = 100;
  private static final Pattern DOCUMENT_ID = Pattern.compile("[0-9a-f]{16}");

  private Filters() {}

  static ChunkFilter fromJson(JsonNode body) {
    JsonNode f = body.get("filter");
    if (f == null || f.isNull()) {
      return ChunkFilter.NONE;
    }
    if (!f.isObject()) {
      throw new BadInputException("wrong_type", "filter", "'filter' must be an object");
    }
    for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("sourcePrefix") && !name.equals("documentIds")) {
        throw new BadInputException(
            "unknown_field",
            "filter." + name,
            "'filter' takes 'sourcePrefix' and 'documentIds', not '" + name + "'");
      }
    }
    return of(
        strings(f.get("sourcePrefix"), "filter.sourcePrefix"),
        strings(f.get("documentIds"), "filter.documentIds"));
  }

  static ChunkFilter fromQuery(Context ctx) {
    return of(ctx.queryParams("source"), ctx.queryParams("documentId"));
  }

  private static ChunkFilter of(List<String> prefixes, List<String> ids) {
    if (prefixes.size() > MAX_VALUES || ids.size() > MAX_VALUES) {
      throw new BadInputException(
          "too_many", "filter", "a filter takes at most " + MAX_VALUES + " values of each kind");
    }
    for (String p : prefixes) {
      if (p.isBlank()) {
        throw new BadInputException(
            "blank_field", "sourcePrefix", "a source prefix must not be blank");
      }
    }
    for (String id : ids) {
      if (!DOCUMENT_ID.matcher(id).matches()) {
        throw new BadInputException(
            "bad_value", "documentIds", "'" + id + "' is not a document id (16 hex digits)");
      }
    }
    return new ChunkFilter(prefixes, new LinkedHashSet<>(ids));
  }

  /** A string or an array of strings. */
  private static List<String> strings(JsonNode v, String field) {
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isTextual()) {
      out.add(v.asText());
      return out;
    }
    if (!v.isArray()) {
      throw new BadInputException(
          "wrong_type", field, "'" + field + "' must be a string or an array of strings");
    }
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw new BadInputException(
            "wrong_type", field, "'" + field + "' must be a string or an array of strings");
      }
      out.add(e.asText());
    }
    return out;
  }
}
