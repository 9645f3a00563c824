package dev.askdocs.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Who may call the JSON and OpenAI-compatible APIs, and how much. {@link #toString()} never shows
 * the keys.
 *
 * @param keys API keys from {@code ASKDOCS_API_KEYS} (comma-separated); empty when unset
 * @param keysFile a file of API keys, one per line ({@code ASKDOCS_API_KEYS_FILE}), re-read when it
 *     changes, so a key removed from it is revoked without a restart; null when unset
 * @param allowPublic serve other machines without API keys ({@code ASKDOCS_ALLOW_PUBLIC=true});
 *     without it and without keys, only a loopback host may be bound
 * @param rateLimit requests one key (or, without keys, one client address) may make per {@code
 *     rateWindow}; 0 turns the limit off
 * @param rateWindow the rate limit's window
 * @param maxBodyBytes largest JSON request body
 * @param maxUploadBytes largest document upload request (all files together)
 * @param idleTimeout a connection silent this long is closed
 * @param corsOrigins origins (such as {@code https://portal.example.com}) whose pages may call the
 *     API from a browser; empty turns CORS off
 */
public record ApiSettings(
    List<String> keys,
    Path keysFile,
    boolean allowPublic,
    int rateLimit,
    Duration rateWindow,
    long maxBodyBytes,
    long maxUploadBytes,
    Duration idleTimeout,
    List<String> corsOrigins) {

  public static final int DEFAULT_RATE_LIMIT = 120;
  public static final Duration DEFAULT_RATE_WINDOW = Duration.ofSeconds(60);
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 50L * 1024 * 1024;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);

  public static final Setting KEYS =
      Setting.of(
          "ASKDOCS_API_KEYS",
          null,
          "API keys (comma-separated, at least 16 characters each); set: `/api` and `/v1` need"
              + " `Authorization: Bearer <key>` ([API keys and limits](API.md#api-keys-and-limits))",
          c -> c.api().keys());
  public static final Setting KEYS_FILE =
      Setting.of(
          "ASKDOCS_API_KEYS_FILE",
          null,
          "A file of API keys, one per line (`#` comments), re-read when it changes: delete a line"
              + " to revoke a key",
          c -> c.api().keysFile());
  public static final Setting ALLOW_PUBLIC =
      Setting.of(
          "ASKDOCS_ALLOW_PUBLIC",
          false,
          "`true`: allow a non-loopback `ASKDOCS_HOST` without API keys",
          c -> c.api().allowPublic());
  public static final Setting RATE_LIMIT =
      Setting.of(
          "ASKDOCS_RATE_LIMIT",
          DEFAULT_RATE_LIMIT,
          "Requests per key (or client address) per window on `/api` and `/v1`; 0 turns the limit"
              + " off",
          c -> c.api().rateLimit());
  public static final Setting RATE_LIMIT_WINDOW_SECONDS =
      Setting.of(
          "ASKDOCS_RATE_LIMIT_WINDOW_SECONDS",
          DEFAULT_RATE_WINDOW.toSeconds(),
          "The rate limit's window, from a client's first request in it",
          c -> c.api().rateWindow().toSeconds());
  public static final Setting MAX_BODY_BYTES =
      Setting.of(
          "ASKDOCS_MAX_BODY_BYTES",
          DEFAULT_MAX_BODY_BYTES,
          "Largest JSON request body (413 beyond)",
          c -> c.api().maxBodyBytes());
  public static final Setting MAX_UPLOAD_BYTES =
      Setting.of(
          "ASKDOCS_MAX_UPLOAD_BYTES",
          DEFAULT_MAX_UPLOAD_BYTES,
          "Largest document upload request, all files together (413 beyond); each file also stays"
              + " within the loaders' 50 MiB",
          c -> c.api().maxUploadBytes());
  public static final Setting IDLE_TIMEOUT_SECONDS =
      Setting.of(
          "ASKDOCS_IDLE_TIMEOUT_SECONDS",
          DEFAULT_IDLE_TIMEOUT.toSeconds(),
          "A connection silent this long is closed",
          c -> c.api().idleTimeout().toSeconds());
  public static final Setting CORS_ORIGINS =
      Setting.of(
          "ASKDOCS_CORS_ORIGINS",
          null,
          "Origins (`https://portal.example.com`, comma-separated, or `*`) whose pages may call the"
              + " API; unset: CORS off",
          c -> c.api().corsOrigins());
  static final List<Setting> ALL =
      List.of(
          KEYS,
          KEYS_FILE,
          ALLOW_PUBLIC,
          RATE_LIMIT,
          RATE_LIMIT_WINDOW_SECONDS,
          MAX_BODY_BYTES,
          MAX_UPLOAD_BYTES,
          IDLE_TIMEOUT_SECONDS,
          CORS_ORIGINS);

  public ApiSettings {
    keys = List.copyOf(keys);
    corsOrigins = List.copyOf(corsOrigins);
    for (String k : keys) {
      if (k.length() < 16) {
        throw new ConfigException(
            KEYS.name(), "holds a key shorter than 16 characters; use long random keys");
      }
    }
    if (rateLimit < 0 || rateLimit > 1_000_000) {
      throw new ConfigException(RATE_LIMIT.name(), "must be between 0 and 1000000");
    }
    if (rateWindow.toSeconds() < 1 || rateWindow.toSeconds() > 86_400) {
      throw new ConfigException(RATE_LIMIT_WINDOW_SECONDS.name(), "must be between 1 and 86400");
    }
    if (maxBodyBytes < 1024 || maxBodyBytes > 1024L * 1024 * 1024) {
      throw new ConfigException(MAX_BODY_BYTES.name(), "must be between 1024 and 1073741824");
    }
    if (maxUploadBytes < 1024 || maxUploadBytes > 10L * 1024 * 1024 * 1024) {
      throw new ConfigException(MAX_UPLOAD_BYTES.name(), "must be between 1024 and 10737418240");
    }
    if (idleTimeout.toSeconds() < 1 || idleTimeout.toSeconds() > 3600) {
      throw new ConfigException(IDLE_TIMEOUT_SECONDS.name(), "must be between 1 and 3600");
    }
    for (String o : corsOrigins) {
      if (!o.equals("*") && !o.matches("https?://[^/\\s]+")) {
        throw new ConfigException(
            CORS_ORIGINS.name(),
            "holds '" + o + "'; each origin is scheme://host[:port] without a path, or *");
      }
    }
  }

  public static ApiSettings defaults() {
    return fromEnv(new EnvReader(java.util.Map.of()));
  }

  static ApiSettings fromEnv(EnvReader r) {
    return new ApiSettings(
        Settings.list(r.string(KEYS)),
        r.path(KEYS_FILE),
        r.bool(ALLOW_PUBLIC),
        r.integer(RATE_LIMIT),
        Duration.ofSeconds(r.integer(RATE_LIMIT_WINDOW_SECONDS)),
        r.longInteger(MAX_BODY_BYTES),
        r.longInteger(MAX_UPLOAD_BYTES),
        Duration.ofSeconds(r.integer(IDLE_TIMEOUT_SECONDS)),
        Settings.list(r.string(CORS_ORIGINS)));
  }

  /** True when the APIs need a key. */
  public boolean keysRequired() {
    return !keys.isEmpty() || keysFile != null;
  }

  @Override
  public String toString() {
    return "ApiSettings[keys="
        + keys.size()
        + ", keysFile="
        + keysFile
        + ", allowPublic="
        + allowPublic
        + ", rateLimit="
        + rateLimit
        + "/"
        + rateWindow.toSeconds()
        + "s, maxBodyBytes="
        + maxBodyBytes
        + ", maxUploadBytes="
        + maxUploadBytes
        + ", idleTimeout="
        + idleTimeout.toSeconds()
        + "s, corsOrigins="
        + corsOrigins
        + "]";
  }
}
