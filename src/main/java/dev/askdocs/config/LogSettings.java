package dev.askdocs.config;

import java.util.List;
import java.util.Locale;

/**
 * How askdocs logs. Logback reads the two variables itself ({@code logback.xml}), as the first
 * thing the process does; they are read here too so that a bad value stops start-up with its name
 * instead of being ignored.
 *
 * @param json one JSON object per line ({@code ASKDOCS_LOG_FORMAT=json}) instead of plain text
 * @param level askdocs' own log level ({@code ASKDOCS_LOG_LEVEL}: error, warn, info, debug, trace)
 */
public record LogSettings(boolean json, String level) {
  static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");

  public static final Setting FORMAT =
      Setting.of(
          "ASKDOCS_LOG_FORMAT",
          "text",
          "`text`: plain lines; `json`: one JSON object per line (with the request's"
              + " `X-Request-Id` as `mdc.requestId`), both on standard error",
          c -> c.logs().json() ? "json" : "text");
  public static final Setting LEVEL =
      Setting.of(
          "ASKDOCS_LOG_LEVEL",
          "info",
          "askdocs' own log level: `error`, `warn`, `info`, `debug` or `trace`",
          c -> c.logs().level());
  static final List<Setting> ALL = List.of(FORMAT, LEVEL);

  public LogSettings {
    if (!LEVELS.contains(level)) {
      throw new ConfigException(LEVEL.name(), "must be one of " + String.join(", ", LEVELS));
    }
  }

  public static LogSettings defaults() {
    return fromEnv(new EnvReader(java.util.Map.of()));
  }

  static LogSettings fromEnv(EnvReader r) {
    String format = r.string(FORMAT).toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      throw new ConfigException(FORMAT.name(), "must be text or json, was '" + format + "'");
    }
    return new LogSettings(format.equals("json"), r.string(LEVEL).toLowerCase(Locale.ROOT));
  }
}
