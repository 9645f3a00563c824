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

  public LogSettings {
    if (!LEVELS.contains(level)) {
      throw new ConfigException("ASKDOCS_LOG_LEVEL", "must be one of " + String.join(", ", LEVELS));
    }
  }

  public static LogSettings defaults() {
    return new LogSettings(false, "info");
  }

  static LogSettings fromEnv(EnvReader r) {
    String format = r.string("ASKDOCS_LOG_FORMAT", "text").toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      throw new ConfigException("ASKDOCS_LOG_FORMAT", "must be text or json, was '" + format + "'");
    }
    return new LogSettings(
        format.equals("json"), r.string("ASKDOCS_LOG_LEVEL", "info").toLowerCase(Locale.ROOT));
  }
}
