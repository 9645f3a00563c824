package dev.askdocs.http;

import dev.askdocs.BadInputException;
import dev.askdocs.feedback.Feedback;
import dev.askdocs.feedback.FeedbackLog;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/admin/feedback}: readers' verdicts, newest first, filtered by rating and by
 * words of the question, answer or comment, as JSON or CSV. Feedback records carry no collection,
 * so only a caller who administers every collection may read them.
 */
final class FeedbackReview {
  static final int MAX_LIMIT = 1000;

  private final FeedbackLog log;
  private final Scopes scopes;

  FeedbackReview(FeedbackLog log, Scopes scopes) {
    this.log = log;
    this.scopes = scopes;
  }

  void list(Context ctx) {
    if (scopes == null || !scopes.administersAll(Callers.of(ctx))) {
      throw new RefusedException(
          RefusedException.Kind.FORBIDDEN,
          "feedback can be read only with the admin role in every collection");
    }
    Feedback.Rating rating = rating(ctx.queryParam("rating"));
    String q = ctx.queryParam("q");
    List<String> words =
        q == null || q.isBlank()
            ? List.of()
            : List.of(JsonBodies.checkedText(q, "q", 200).toLowerCase(Locale.ROOT).split("\\s+"));
    int limit = JsonBodies.queryInt(ctx, "limit", 200, 1, MAX_LIMIT);
    String format = ctx.queryParam("format");
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      throw new BadInputException("bad_value", "format", "'format' must be json or csv");
    }
    List<Feedback> all = new ArrayList<>(log.read());
    all.sort(Comparator.comparing(Feedback::at).reversed());
    List<Feedback> shown =
        all.stream()
            .filter(f -> rating == null || f.rating() == rating)
            .filter(f -> words.stream().allMatch(w -> haystack(f).contains(w)))
            .toList();
    List<Feedback> page = shown.subList(0, Math.min(limit, shown.size()));
    if ("csv".equals(format)) {
      ctx.header("Content-Disposition", "attachment; filename=\"askdocs-feedback.csv\"");
      ctx.contentType("text/csv; charset=utf-8").result(csv(page));
    } else {
      ctx.json(new FeedbackList(page, shown.size()));
    }
  }

  /**
   * @param total how many records match, of which {@code feedback} holds the newest up to the limit
   */
  record FeedbackList(List<Feedback> feedback, int total) {}

  private static Feedback.Rating rating(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Feedback.Rating.valueOf(raw.strip());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("bad_value", "rating", "'rating' must be \"up\" or \"down\"");
    }
  }

  private static String haystack(Feedback f) {
    return (f.question() + "\n" + f.answer() + "\n" + (f.comment() == null ? "" : f.comment()))
        .toLowerCase(Locale.ROOT);
  }

  /** RFC 4180: every field quoted; a cell starting with = + - @ gets a ' so no sheet runs it. */
  static String csv(List<Feedback> rows) {
    StringBuilder out =
        new StringBuilder("at,rating,question,answer,abstained,citations,comment\r\n");
    for (Feedback f : rows) {
      String citations =
          f.citations().stream()
              .map(c -> "[" + c.n() + "] " + c.title() + " (" + c.source() + "): " + c.quote())
              .collect(Collectors.joining("\n"));
      out.append(
              List.of(
                      f.at().toString(),
                      f.rating().name(),
                      f.question(),
                      f.answer(),
                      String.valueOf(f.abstained()),
                      citations,
                      f.comment() == null ? "" : f.comment())
                  .stream()
                  .map(FeedbackReview::cell)
                  .collect(Collectors.joining(",")))
          .append("\r\n");
    }
    return out.toString();
  }

  private static String cell(String v) {
    String safe = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }
}
