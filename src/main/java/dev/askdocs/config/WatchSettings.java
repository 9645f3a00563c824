package dev.askdocs.config;

import java.time.Duration;
import java.util.List;

/**
 * How {@code serve} follows the corpus folder while it runs.
 *
 * @param enabled watch the folder and ingest what changes ({@code ASKDOCS_WATCH}, default true)
 * @param rescanInterval how often the whole folder is compared with what was ingested, the safety
 *     net for changes the file system did not report ({@code ASKDOCS_WATCH_RESCAN_SECONDS})
 */
public record WatchSettings(boolean enabled, Duration rescanInterval) {
  public static final Duration DEFAULT_RESCAN = Duration.ofSeconds(60);

  public static final Setting WATCH =
      Setting.of(
          "ASKDOCS_WATCH",
          true,
          "`serve` follows the corpus folder: new, changed and deleted files are ingested a second"
              + " or two after they settle"
              + " ([details](SOURCES.md#a-corpus-that-follows-its-folder)); `false`: the folder is"
              + " read at start-up only",
          c -> c.watch().enabled());
  public static final Setting RESCAN_SECONDS =
      Setting.of(
          "ASKDOCS_WATCH_RESCAN_SECONDS",
          DEFAULT_RESCAN.toSeconds(),
          "How often the watched folder is compared in full with what was ingested, to catch"
              + " changes the file system did not report (1-86400)",
          c -> c.watch().rescanInterval().toSeconds());
  static final List<Setting> ALL = List.of(WATCH, RESCAN_SECONDS);

  public WatchSettings {
    if (rescanInterval.toSeconds() < 1 || rescanInterval.toSeconds() > 86_400) {
      throw new ConfigException(RESCAN_SECONDS.name(), "must be between 1 and 86400");
    }
  }

  public static WatchSettings defaults() {
    return fromEnv(new EnvReader(java.util.Map.of()));
  }

  /** The folder is ingested at start-up only. */
  public static WatchSettings off() {
    return new WatchSettings(false, DEFAULT_RESCAN);
  }

  static WatchSettings fromEnv(EnvReader r) {
    return new WatchSettings(r.bool(WATCH), Duration.ofSeconds(r.integer(RESCAN_SECONDS)));
  }
}
