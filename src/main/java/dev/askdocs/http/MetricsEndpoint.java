package dev.askdocs.http;

import dev.askdocs.config.MetricsSettings;
import dev.askdocs.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics} in Prometheus' text format, and the meters of every request. Who may read
 * the metrics: with {@code ASKDOCS_METRICS_KEY}, whoever sends it as a bearer token; without it, on
 * the management port ({@code ASKDOCS_MANAGEMENT_PORT}) whoever can reach that port, and on the
 * main port only clients on this machine (loopback).
 */
final class MetricsEndpoint {
  static final String PATH = "/metrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Metrics metrics;
  private final MetricsSettings settings;

  MetricsEndpoint(Metrics metrics, MetricsSettings settings) {
    this.metrics = metrics;
    this.settings = settings;
  }

  /**
   * Meters every request of {@code cfg}'s server, and serves {@code /metrics} there unless a
   * management port is set.
   */
  void routes(JavalinConfig cfg) {
    cfg.requestLogger.http(
        (ctx, ms) -> {
          metrics.request(
              ctx.method().name(), route(ctx), ctx.statusCode(), (long) (ms * 1_000_000));
          if (ctx.statusCode() == 429) {
            metrics.rateLimited(); // only the rate limit answers 429
          }
        });
    if (settings.managementPort().isEmpty()) {
      cfg.routes.get(PATH, ctx -> serve(ctx, true));
    }
  }

  /** The management server, or null when no management port is set; started. */
  Javalin startManagement(String host) {
    if (settings.managementPort().isEmpty()) {
      return null;
    }
    Javalin server =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.jetty.host = host;
              cfg.jetty.port = settings.managementPort().getAsInt();
              cfg.routes.get(PATH, ctx -> serve(ctx, false));
              cfg.routes.exception(
                  RefusedException.class,
                  (e, ctx) -> {
                    boolean noKey = e.kind() == RefusedException.Kind.UNAUTHORIZED;
                    ctx.status(noKey ? 401 : 403);
                    ctx.json(
                        ErrorBody.of(noKey ? "unauthorized" : "forbidden", e.getMessage(), null));
                  });
            });
    server.start();
    return server;
  }

  private void serve(Context ctx, boolean mainPort) {
    if (!settings.key().isEmpty()) {
      String auth = ctx.header("Authorization");
      if (auth == null || !auth.startsWith("Bearer ")) {
        ctx.header("WWW-Authenticate", "Bearer");
        throw new RefusedException(
            RefusedException.Kind.UNAUTHORIZED,
            "/metrics needs Authorization: Bearer <ASKDOCS_METRICS_KEY>");
      }
      byte[] presented = auth.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(presented, settings.key().getBytes(StandardCharsets.UTF_8))) {
        throw new RefusedException(RefusedException.Kind.FORBIDDEN, "wrong metrics key");
      }
    } else if (mainPort && !loopback(ctx.req().getRemoteAddr())) {
      throw new RefusedException(
          RefusedException.Kind.FORBIDDEN,
          "/metrics answers only this machine; set ASKDOCS_METRICS_KEY or ASKDOCS_MANAGEMENT_PORT");
    }
    ctx.contentType(CONTENT_TYPE).result(metrics.scrape());
  }

  static boolean loopback(String address) {
    try {
      return address != null && InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false; // not an address: not this machine
    }
  }

  /**
   * The request's route template, or {@code unmatched} when no route took it (static files, 404).
   */
  static String route(Context ctx) {
    try {
      Endpoint e = ctx.endpoints().matchedHttpEndpoint();
      return e == null ? "unmatched" : e.path;
    } catch (RuntimeException e) {
      return "unmatched"; // no endpoint was matched
    }
  }
}
