package dev.askdocs.http;

import dev.askdocs.access.Identity;
import dev.askdocs.config.ApiSettings;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs before every API request ({@code /api/...} and the OpenAI-compatible {@code /v1/...}):
 * CORS headers for allowed origins, who the caller is (an API key, a signed-in session, or the
 * local user; kept for {@link Callers#of}), the CSRF token of a session's state-changing request,
 * the rate limit per caller and the body size. The page, its files, {@code /health} and {@code
 * /openapi.json} stay open.
 */
final class ApiGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ApiGuard.class);
  static final String UPLOAD_PATH = "/api/v1/documents";

  private final ApiSettings settings;
  private final ApiKeys keys;
  private final RateLimiter limiter;
  private final Sessions sessions;

  /** The header a signed-in page sends its session's CSRF token in. */
  static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Set<HandlerType> UNSAFE =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  /**
   * @param keys null when no keys are set: then anyone who reaches the port may call the API
   */
  ApiGuard(ApiSettings settings, ApiKeys keys, RateLimiter limiter) {
    this(settings, keys, limiter, null);
  }

  /**
   * @param keys null when no keys are set
   * @param sessions the signed-in people; null when sign-in is not configured. Without keys and
   *     sessions anyone who reaches the port may call the API, as the local user
   */
  ApiGuard(ApiSettings settings, ApiKeys keys, RateLimiter limiter, Sessions sessions) {
    this.settings = settings;
    this.keys = keys;
    this.limiter = limiter;
    this.sessions = sessions;
  }

  /** True when callers must prove who they are (API keys or sign-in are configured). */
  boolean callersProve() {
    return keys != null || sessions != null;
  }

  /** Says at start-up who may use the API: key holders, anyone, or this machine only. */
  static void logAccess(ApiSettings settings, ApiKeys keys, String host, int port) {
    if (keys != null) {
      LOG.info(
          "API keys required on /api and /v1 ({} keys; rate limit {} per {} s per key)",
          keys.count(),
          settings.rateLimit(),
          settings.rateWindow().toSeconds());
    } else if (settings.allowPublic()) {
      LOG.warn(
          "no API keys set and ASKDOCS_ALLOW_PUBLIC=true: anyone who reaches {}:{} can ask,"
              + " upload and delete documents",
          host,
          port);
    } else {
      LOG.info(
          "no API keys set, so askdocs serves this machine only ({}); set ASKDOCS_API_KEYS to"
              + " serve others",
          host);
    }
  }

  static boolean guarded(String path) {
    return path.startsWith("/api/") || path.startsWith("/v1/");
  }

  void before(Context ctx) {
    if (!guarded(ctx.path())) {
      return;
    }
    allowOrigin(ctx);
    if (ctx.method() == HandlerType.OPTIONS) {
      return; // a CORS preflight carries no credentials; the request that follows does
    }
    Identity caller = identify(ctx);
    Callers.set(ctx, caller);
    String client =
        caller.kind() == Identity.Kind.LOCAL
            ? "ip:" + ctx.ip()
            : caller.kind() == Identity.Kind.LEGACY_KEY
                ? "key:" + caller.name().substring("key-".length())
                : caller.kind() + ":" + caller.name();
    long retryAfter = limiter.acquire(client);
    if (retryAfter > 0) {
      throw new RefusedException(
          RefusedException.Kind.RATE_LIMITED,
          "more than "
              + settings.rateLimit()
              + " requests in "
              + settings.rateWindow().toSeconds()
              + " s; retry after "
              + retryAfter
              + " s",
          retryAfter);
    }
    long length = ctx.req().getContentLengthLong();
    long limit = isUpload(ctx) ? settings.maxUploadBytes() : settings.maxBodyBytes();
    if (length > limit) {
      throw new RefusedException(
          RefusedException.Kind.TOO_LARGE,
          "the request body is " + length + " bytes; the limit is " + limit);
    }
  }

  /**
   * The caller: a bearer API key when one is sent (and keys are set), else a signed-in session
   * (whose state-changing requests must carry its CSRF token), else the local user when neither
   * keys nor sign-in are configured.
   */
  private Identity identify(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (keys != null && (sessions == null || authorization != null)) {
      ApiKeys.Check check = keys.check(authorization);
      if (check instanceof ApiKeys.Accepted accepted) {
        return accepted.identity();
      }
      if (check instanceof ApiKeys.Refused) {
        throw new RefusedException(
            RefusedException.Kind.FORBIDDEN, "the API key is wrong or has been revoked");
      }
    }
    if (sessions != null) {
      Sessions.Session s = sessions.find(ctx.cookie(AuthEndpoint.COOKIE));
      if (s != null) {
        if (UNSAFE.contains(ctx.method()) && !Sessions.csrfMatches(s, ctx.header(CSRF_HEADER))) {
          throw new RefusedException(
              RefusedException.Kind.FORBIDDEN,
              "a signed-in request that changes something needs the header "
                  + CSRF_HEADER
                  + " with the session's token (GET /api/v1/me gives it)");
        }
        return s.identity();
      }
      ctx.header("WWW-Authenticate", "Bearer");
      throw new RefusedException(
          RefusedException.Kind.SIGN_IN_REQUIRED,
          keys == null
              ? "sign in first: /auth/login"
              : "sign in first (/auth/login), or send the header 'Authorization: Bearer <key>'");
    }
    if (keys != null) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new RefusedException(
          RefusedException.Kind.UNAUTHORIZED,
          "an API key is required: send the header 'Authorization: Bearer <key>'");
    }
    return Identity.local();
  }

  /**
   * Who is asking, without refusing anyone: for open routes ({@code /health}) that show more to a
   * caller who proves who it is.
   */
  java.util.Optional<Identity> identifyIfAny(Context ctx) {
    try {
      return java.util.Optional.of(identify(ctx));
    } catch (RefusedException e) {
      return java.util.Optional.empty();
    }
  }

  /** Answers a CORS preflight: 204, with the CORS headers when the origin is allowed. */
  void preflight(Context ctx) {
    if (ctx.res().getHeader("Access-Control-Allow-Origin") != null) {
      ctx.header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
      ctx.header(
          "Access-Control-Allow-Headers", "Authorization, Content-Type, Accept, " + CSRF_HEADER);
      ctx.header("Access-Control-Max-Age", "600");
    }
    ctx.status(204);
  }

  private void allowOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    List<String> allowed = settings.corsOrigins();
    if (origin == null || allowed.isEmpty()) {
      return;
    }
    if (allowed.contains("*")) {
      ctx.header("Access-Control-Allow-Origin", "*");
    } else if (allowed.contains(origin)) {
      ctx.header("Access-Control-Allow-Origin", origin);
      ctx.header("Vary", "Origin");
    } else {
      return;
    }
    ctx.header("Access-Control-Expose-Headers", "Retry-After");
  }

  static boolean isUpload(Context ctx) {
    String type = ctx.contentType();
    return ctx.method() == HandlerType.POST
        && ctx.path().equals(UPLOAD_PATH)
        && type != null
        && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
  }
}
