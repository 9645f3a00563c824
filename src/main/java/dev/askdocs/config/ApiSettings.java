package dev.askdocs.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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

  public ApiSettings {
    keys = List.copyOf(keys);
    corsOrigins = List.copyOf(corsOrigins);
    for (String k : keys) {
      if (k.length() < 16) {
        throw new ConfigException(
            "ASKDOCS_API_KEYS", "holds a key shorter than 16 characters; use long random keys");
      }
    }
    if (rateLimit < 0 || rateLimit > 1_000_000) {
      throw new ConfigException("ASKDOCS_RATE_LIMIT", "must be between 0 and 1000000");
    }
    if (rateWindow.toSeconds() < 1 || rateWindow.toSeconds() > 86_400) {
      throw new ConfigException("ASKDOCS_RATE_LIMIT_WINDOW_SECONDS", "must be between 1 and 86400");
    }
    if (maxBodyBytes < 1024 || maxBodyBytes > 1024L * 1024 * 1024) {
      throw new ConfigException("ASKDOCS_MAX_BODY_BYTES", "must be between 1024 and 1073741824");
    }
    if (maxUploadBytes < 1024 || maxUploadBytes > 10L * 1024 * 1024 * 1024) {
      throw new ConfigException("ASKDOCS_MAX_UPLOAD_BYTES", "must be between 1024 and 10737418240");
    }
    if (idleTimeout.toSeconds() < 1 || idleTimeout.toSeconds() > 3600) {
      throw new ConfigException("ASKDOCS_IDLE_TIMEOUT_SECONDS", "must be between 1 and 3600");
    }
    for (String o : corsOrigins) {
      if (!o.equals("*") && !o.matches("https?://[^/\\s]+")) {
        throw new ConfigException(
            "ASKDOCS_CORS_ORIGINS",
            "holds '" + o + "'; each origin is scheme://host[:port] without a path, or *");
      }
    }
  }

  public static ApiSettings defaults() {
    return new ApiSettings(
        List.of(),
        null,
        false,
        DEFAULT_RATE_LIMIT,
        DEFAULT_RATE_WINDOW,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_UPLOAD_BYTES,
        DEFAULT_IDLE_TIMEOUT,
        List.of());
  }

  static ApiSettings fromEnv(EnvReader r) {
    ApiSettings d = defaults();
    return new ApiSettings(
        list(r.string("ASKDOCS_API_KEYS", "")),
        r.path("ASKDOCS_API_KEYS_FILE", null),
        r.value("ASKDOCS_ALLOW_PUBLIC", false, ApiSettings::bool),
        r.integer("ASKDOCS_RATE_LIMIT", d.rateLimit()),
        Duration.ofSeconds(
            r.integer("ASKDOCS_RATE_LIMIT_WINDOW_SECONDS", (int) d.rateWindow().toSeconds())),
        r.value("ASKDOCS_MAX_BODY_BYTES", d.maxBodyBytes(), Long::parseLong),
        r.value("ASKDOCS_MAX_UPLOAD_BYTES", d.maxUploadBytes(), Long::parseLong),
        Duration.ofSeconds(
            r.integer("ASKDOCS_IDLE_TIMEOUT_SECONDS", (int) d.idleTimeout().toSeconds())),
        list(r.string("ASKDOCS_CORS_ORIGINS", "")));
  }

  /** True when the APIs need a key. */
  public boolean keysRequired() {
    return !keys.isEmpty() || keysFile != null;
  }

  public ApiSettings withKeys(List<String> value, Path file) {
    return new ApiSettings(
        value,
        file,
        allowPublic,
        rateLimit,
        rateWindow,
        maxBodyBytes,
        maxUploadBytes,
        idleTimeout,
        corsOrigins);
  }

  public ApiSettings withRateLimit(int value, Duration window) {
    return new ApiSettings(
        keys,
        keysFile,
        allowPublic,
        value,
        window,
        maxBodyBytes,
        maxUploadBytes,
        idleTimeout,
        corsOrigins);
  }

  public ApiSettings withMaxUploadBytes(long value) {
    return new ApiSettings(
        keys,
        keysFile,
        allowPublic,
        rateLimit,
        rateWindow,
        maxBodyBytes,
        value,
        idleTimeout,
        corsOrigins);
  }

  public ApiSettings withCorsOrigins(List<String> value) {
    return new ApiSettings(
        keys,
        keysFile,
        allowPublic,
        rateLimit,
        rateWindow,
        maxBodyBytes,
        maxUploadBytes,
        idleTimeout,
        value);
  }

  public ApiSettings withAllowPublic(boolean value) {
    return new ApiSettings(
        keys,
        keysFile,
        value,
        rateLimit,
        rateWindow,
        maxBodyBytes,
        maxUploadBytes,
        idleTimeout,
        corsOrigins);
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static boolean bool(String raw) {
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
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
