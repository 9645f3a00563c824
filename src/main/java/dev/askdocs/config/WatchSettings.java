package dev.askdocs.config;

import java.time.Duration;

/**
 * How {@code serve} follows the corpus folder while it runs.
 *
 * @param enabled watch the folder and ingest what changes ({@code ASKDOCS_WATCH}, default true)
 * @param rescanInterval how often the whole folder is compared with what was ingested, the safety
 *     net for changes the file system did not report ({@code ASKDOCS_WATCH_RESCAN_SECONDS})
 */
public record WatchSettings(boolean enabled, Duration rescanInterval) {
  public static final Duration DEFAULT_RESCAN = Duration.ofSeconds(60);

  public WatchSettings {
    if (rescanInterval.toSeconds() < 1 || rescanInterval.toSeconds() > 86_400) {
      throw new ConfigException("ASKDOCS_WATCH_RESCAN_SECONDS", "must be between 1 and 86400");
    }
  }

  public static WatchSettings defaults() {
    return new WatchSettings(true, DEFAULT_RESCAN);
  }

  /** The folder is ingested at start-up only. */
  public static WatchSettings off() {
    return new WatchSettings(false, DEFAULT_RESCAN);
  }

  static WatchSettings fromEnv(EnvReader r) {
    WatchSettings d = defaults();
    return new WatchSettings(
        r.value("ASKDOCS_WATCH", d.enabled(), WatchSettings::bool),
        Duration.ofSeconds(
            r.integer("ASKDOCS_WATCH_RESCAN_SECONDS", (int) d.rescanInterval().toSeconds())));
  }

  private static boolean bool(String raw) {
    return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }
}
