package dev.askdocs.http;

import dev.askdocs.access.Identity;
import io.javalin.http.Context;

/**
 * Who made a request. {@link ApiGuard} decides it before every {@code /api} and {@code /v1} request
 * (an API key, a signed-in session, or the local user) and keeps it on the request, where a route
 * handler reads it with {@link #of(Context)}.
 */
public final class Callers {
  /** The request attribute the caller is kept in. */
  static final String ATTRIBUTE = "askdocs.identity";

  private Callers() {}

  /**
   * The caller of a request that went through {@link ApiGuard}: every route under {@code /api} and
   * {@code /v1}.
   *
   * @throws IllegalStateException on a route the guard does not cover (the page, {@code /health})
   */
  public static Identity of(Context ctx) {
    Identity caller = ctx.attribute(ATTRIBUTE);
    if (caller == null) {
      throw new IllegalStateException("no caller on " + ctx.path() + ": not an API route");
    }
    return caller;
  }

  static void set(Context ctx, Identity caller) {
    ctx.attribute(ATTRIBUTE, caller);
  }
}
