package dev.askdocs.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Request ids: every response carries {@code X-Request-Id}, the caller's own when it is sane (1 to
 * 64 letters, digits, '.', '_', ':' or '-', so it cannot break a log line or a header) and a new
 * random one otherwise; the HTTP layer's log lines about a request (errors, refusals) name it.
 * Thread-safe.
 */
final class RequestIds {
  static final String HEADER = "X-Request-Id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final String ATTRIBUTE = "askdocs.requestId";

  /** The log context's key for the id: {@code "mdc": {"requestId": ...}} in JSON log lines. */
  static final String MDC_KEY = "requestId";

  private RequestIds() {}

  /** The first thing done for every request: picks its id and puts it on the response. */
  static void assign(Context ctx) {
    String id = accepted(ctx.header(HEADER));
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
    // Every log line written on this thread while it handles the request carries the id.
    MDC.put(MDC_KEY, id);
  }

  /** The last thing done for every request: its id leaves the thread's log context. */
  static void clear() {
    MDC.remove(MDC_KEY);
  }

  /** {@code incoming} when it is sane, else a new id. */
  static String accepted(String incoming) {
    if (incoming != null && SANE.matcher(incoming).matches()) {
      return incoming;
    }
    return UUID.randomUUID().toString();
  }

  /** The id {@link #assign} gave the request, for log lines; "-" before it ran. */
  static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id == null ? "-" : id;
  }
}
