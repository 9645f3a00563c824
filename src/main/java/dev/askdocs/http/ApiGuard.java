package dev.askdocs.http;

import dev.askdocs.access.Identity;
import dev.askdocs.config.ApiSettings;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs before every API request ({@code /api/...} and the OpenAI-compatible {@code /v1/...}):
 * CORS headers for allowed origins, the API key, the rate limit and the body size. The page, its
 * files, {@code /health} and {@code /openapi.json} stay open.
 */
final class ApiGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ApiGuard.class);
  static final String UPLOAD_PATH = "/api/v1/documents";

  private final ApiSettings settings;
  private final ApiKeys keys;
  private final RateLimiter limiter;
  private final NamedKeys named;

  /**
   * @param keys null when no keys are set: then anyone who reaches the port may call the API
   */
  ApiGuard(ApiSettings settings, ApiKeys keys, RateLimiter limiter) {
    this(settings, keys, limiter, new NamedKeys(List.of()));
  }

  /**
   * @param named the keys of {@code askdocs.yml}, each an identity with groups
   */
  ApiGuard(ApiSettings settings, ApiKeys keys, RateLimiter limiter, NamedKeys named) {
    this.settings = settings;
    this.keys = keys;
    this.limiter = limiter;
    this.named = named;
  }

  /**
   * Who is asking, without refusing anyone: for open routes ({@code /health}) that show more to a
   * caller who proves who it is.
   */
  java.util.Optional<Identity> identify(Context ctx) {
    String authorization = ctx.header("Authorization");
    java.util.Optional<Identity> who = named.check(authorization);
    if (who.isPresent()) {
      return who;
    }
    if (keys != null) {
      return keys.check(authorization) instanceof ApiKeys.Accepted a
          ? java.util.Optional.of(legacy(a))
          : java.util.Optional.empty();
    }
    return named.isEmpty() ? java.util.Optional.of(Identity.local()) : java.util.Optional.empty();
  }

  private static Identity legacy(ApiKeys.Accepted a) {
    return new Identity(
        "key-" + a.fingerprint(), java.util.Set.of(), Identity.Kind.LEGACY_KEY, java.util.Set.of());
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
    String client = "ip:" + ctx.ip();
    java.util.Optional<Identity> namedKey = named.check(ctx.header("Authorization"));
    if (namedKey.isPresent()) {
      Callers.set(ctx, namedKey.get());
      client = "key:" + namedKey.get().name();
    } else if (keys == null && !named.isEmpty()) {
      throw unauthorized(ctx);
    } else if (keys == null) {
      Callers.set(ctx, Identity.local());
    } else {
      ApiKeys.Check check = keys.check(ctx.header("Authorization"));
      if (check instanceof ApiKeys.Missing) {
        throw unauthorized(ctx);
      }
      if (check instanceof ApiKeys.Refused) {
        throw new RefusedException(
            RefusedException.Kind.FORBIDDEN, "the API key is wrong or has been revoked");
      }
      client = "key:" + ((ApiKeys.Accepted) check).fingerprint();
      Callers.set(ctx, legacy((ApiKeys.Accepted) check));
    }
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

  private RefusedException unauthorized(Context ctx) {
    boolean sent = ctx.header("Authorization") != null;
    if (!sent) {
      ctx.header("WWW-Authenticate", "Bearer");
      return new RefusedException(
          RefusedException.Kind.UNAUTHORIZED,
          "an API key is required: send the header 'Authorization: Bearer <key>'");
    }
    return new RefusedException(
        RefusedException.Kind.FORBIDDEN, "the API key is wrong or has been revoked");
  }

  /** Answers a CORS preflight: 204, with the CORS headers when the origin is allowed. */
  void preflight(Context ctx) {
    if (ctx.res().getHeader("Access-Control-Allow-Origin") != null) {
      ctx.header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
      ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept");
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
