package dev.askdocs.http;

import dev.askdocs.access.Identity;
import io.javalin.http.Context;

/** The identity {@link ApiGuard} found for a request, kept on the request for its handler. */
final class Callers {
  private static final String ATTRIBUTE = "askdocs.identity";

  private Callers() {}

  static void set(Context ctx, Identity who) {
    ctx.attribute(ATTRIBUTE, who);
  }

  /**
   * The caller of a guarded request.
   *
   * @throws IllegalStateException when the guard did not run: a route outside /api and /v1
   */
  static Identity of(Context ctx) {
    Identity who = ctx.attribute(ATTRIBUTE);
    if (who == null) {
      throw new IllegalStateException("no caller was identified for " + ctx.path());
    }
    return who;
  }
}
