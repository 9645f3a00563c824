package dev.askdocs.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.BadInputException;
import dev.askdocs.config.Config;
import dev.askdocs.feedback.Feedback;
import dev.askdocs.feedback.FeedbackLog;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/feedback}: thumbs up or down on an answer, with the question, answer and
 * citations as the reader saw them, appended to the {@link FeedbackLog}. Answers 201 with the
 * record's id once it is on disk.
 */
final class FeedbackEndpoint {
  static final int MAX_ANSWER_CHARS = 20_000;
  static final int MAX_COMMENT_CHARS = 2_000;
  static final int MAX_QUOTE_CHARS = 5_000;
  static final int MAX_NAME_CHARS = 1_000;
  private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private final Config config;
  private final FeedbackLog log;
  private final JsonBodies bodies;
  private final Clock clock;
  private final FeedbackReview review;

  FeedbackEndpoint(Config config, FeedbackLog log, JsonBodies bodies, Clock clock) {
    this(config, log, bodies, clock, null);
  }

  /**
   * @param scopes who may read the feedback ({@link FeedbackReview}); null: nobody
   */
  FeedbackEndpoint(Config config, FeedbackLog log, JsonBodies bodies, Clock clock, Scopes scopes) {
    this.review = new FeedbackReview(log, scopes);
    this.config = config;
    this.log = log;
    this.bodies = bodies;
    this.clock = clock;
  }

  void feedback(Context ctx) {
    JsonNode body = bodies.object(ctx);
    Feedback f =
        new Feedback(
            UUID.randomUUID().toString(),
            clock.instant(),
            rating(body),
            conversationId(body),
            JsonBodies.requiredText(body, "question", config.maxQuestionChars()),
            JsonBodies.requiredText(body, "answer", MAX_ANSWER_CHARS),
            optionalBoolean(body, "abstained"),
            citations(body),
            optionalText(body, "comment", MAX_COMMENT_CHARS));
    log.append(f);
    ctx.status(201).json(new Stored(f.id(), f.at().toString()));
  }

  record Stored(String id, String storedAt) {}

  /** {@code GET /api/v1/admin/feedback}; see {@link FeedbackReview}. */
  void list(Context ctx) {
    review.list(ctx);
  }

  private static Feedback.Rating rating(JsonNode body) {
    String raw = JsonBodies.requiredText(body, "rating", 10);
    try {
      return Feedback.Rating.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("bad_value", "rating", "'rating' must be \"up\" or \"down\"");
    }
  }

  private static String conversationId(JsonNode body) {
    String id = optionalText(body, "conversationId", 100);
    if (id != null && !CONVERSATION_ID.matcher(id).matches()) {
      throw new BadInputException(
          "bad_value",
          "conversationId",
          "'conversationId' must be 1 to 100 letters, digits, '.', '_', ':' or '-'");
    }
    return id;
  }

  private static List<Feedback.Source> citations(JsonNode body) {
    JsonNode v = body.get("citations");
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new BadInputException("wrong_type", "citations", "'citations' must be an array");
    }
    if (v.size() > Config.MAX_TOP_K) {
      throw new BadInputException(
          "too_long", "citations", "'citations' has more than " + Config.MAX_TOP_K + " items");
    }
    List<Feedback.Source> sources = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode c = v.get(i);
      String at = "citations[" + i + "]";
      if (!c.isObject()) {
        throw new BadInputException("wrong_type", at, "'" + at + "' must be an object");
      }
      try {
        sources.add(source(c, i + 1));
      } catch (BadInputException e) {
        throw new BadInputException(e.code(), at + "." + e.field(), e.getMessage());
      }
    }
    return sources;
  }

  private static Feedback.Source source(JsonNode c, int fallbackN) {
    JsonNode page = c.get("page");
    if (page != null && !page.isNull() && !(page.isIntegralNumber() && page.canConvertToInt())) {
      throw new BadInputException("wrong_type", "page", "'page' must be a whole number");
    }
    return new Feedback.Source(
        JsonBodies.optionalInt(c, "n", fallbackN, 1, 1000),
        optionalText(c, "documentId", 100),
        optionalText(c, "title", MAX_NAME_CHARS),
        optionalText(c, "source", MAX_NAME_CHARS),
        optionalText(c, "quote", MAX_QUOTE_CHARS),
        page == null || page.isNull() ? null : page.intValue());
  }

  private static boolean optionalBoolean(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new BadInputException("wrong_type", field, "'" + field + "' must be true or false");
    }
    return v.booleanValue();
  }

  private static String optionalText(JsonNode body, String field, int maxChars) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new BadInputException("wrong_type", field, "'" + field + "' must be a string");
    }
    if (v.asText().isBlank()) {
      return null;
    }
    return JsonBodies.checkedText(v.asText(), field, maxChars);
  }
}
