package dev.askdocs.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.BadInputException;
import io.javalin.http.Context;

/** Strict reading of JSON request bodies: every problem becomes a {@link BadInputException}. */
final class JsonBodies {
  private final ObjectMapper mapper;

  JsonBodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The body as a JSON object. */
  JsonNode object(Context ctx) {
    String body = ctx.body();
    if (body.isBlank()) {
      throw new BadInputException("missing_body", null, "the request body must be a JSON object");
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadInputException(
          "malformed_json", null, "the request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new BadInputException("malformed_json", null, "the request body must be a JSON object");
    }
    return node;
  }

  /** A required, non-blank string field of at most {@code maxChars} characters. */
  static String requiredText(JsonNode body, String field, int maxChars) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw new BadInputException("missing_field", field, "'" + field + "' is required");
    }
    if (!v.isTextual()) {
      throw new BadInputException("wrong_type", field, "'" + field + "' must be a string");
    }
    return checkedText(v.asText(), field, maxChars);
  }

  static String checkedText(String value, String field, int maxChars) {
    if (value == null || value.isBlank()) {
      throw new BadInputException("blank_field", field, "'" + field + "' must not be blank");
    }
    if (value.length() > maxChars) {
      throw new BadInputException(
          "too_long",
          field,
          "'" + field + "' is " + value.length() + " characters; the limit is " + maxChars);
    }
    return value.strip();
  }

  /** An optional whole number in {@code [min, max]}. */
  static int optionalInt(JsonNode body, String field, int fallback, int min, int max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new BadInputException("wrong_type", field, "'" + field + "' must be a whole number");
    }
    return checkedRange(v.intValue(), field, min, max);
  }

  static int checkedRange(int value, String field, int min, int max) {
    if (value < min || value > max) {
      throw new BadInputException(
          "out_of_range", field, "'" + field + "' must be between " + min + " and " + max);
    }
    return value;
  }

  /** An optional whole-number query parameter in {@code [min, max]}. */
  static int queryInt(Context ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return checkedRange(Integer.parseInt(raw.trim()), name, min, max);
    } catch (NumberFormatException e) {
      throw new BadInputException("wrong_type", name, "'" + name + "' must be a whole number");
    }
  }
}
