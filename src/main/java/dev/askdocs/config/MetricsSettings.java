package dev.askdocs.config;

import java.util.List;
import java.util.OptionalInt;

/**
 * Where {@code GET /metrics} is served and who may read it (docs/DEPLOYMENT.md).
 *
 * @param managementPort {@code ASKDOCS_MANAGEMENT_PORT}: when set, metrics are served on this port
 *     of {@code ASKDOCS_HOST} only, not on the main port (0 picks a free one)
 * @param key {@code ASKDOCS_METRICS_KEY}: when set, {@code /metrics} needs {@code Authorization:
 *     Bearer <key>}; empty when unset. Without key and management port, only loopback clients may
 *     read {@code /metrics}
 */
public record MetricsSettings(OptionalInt managementPort, String key) {
  /** As short as an API key may be. */
  static final int MIN_KEY_LENGTH = 16;

  public static final Setting MANAGEMENT_PORT =
      Setting.of(
          "ASKDOCS_MANAGEMENT_PORT",
          null,
          "Serve `/metrics` on this port of `ASKDOCS_HOST` instead of the main port"
              + " ([docs/DEPLOYMENT.md](DEPLOYMENT.md#metrics))",
          c -> c.metrics().managementPort());
  public static final Setting KEY =
      Setting.of(
          "ASKDOCS_METRICS_KEY",
          null,
          "`/metrics` needs `Authorization: Bearer <key>` (16 characters or more). Without it and"
              + " without a management port, `/metrics` answers only this machine (loopback)",
          c -> c.metrics().key());
  static final List<Setting> ALL = List.of(MANAGEMENT_PORT, KEY);

  public MetricsSettings {
    if (managementPort.isPresent()
        && (managementPort.getAsInt() < 0 || managementPort.getAsInt() > 65535)) {
      throw new ConfigException(MANAGEMENT_PORT.name(), "must be between 0 and 65535");
    }
    if (!key.isEmpty() && key.length() < MIN_KEY_LENGTH) {
      throw new ConfigException(KEY.name(), "must be at least " + MIN_KEY_LENGTH + " characters");
    }
  }

  public static MetricsSettings defaults() {
    return fromEnv(new EnvReader(java.util.Map.of()));
  }

  static MetricsSettings fromEnv(EnvReader r) {
    Integer port = r.value(MANAGEMENT_PORT, Integer::parseInt);
    return new MetricsSettings(
        port == null ? OptionalInt.empty() : OptionalInt.of(port), r.string(KEY));
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "MetricsSettings[managementPort="
        + (managementPort.isPresent() ? managementPort.getAsInt() : "off")
        + ", key="
        + (key.isEmpty() ? "unset" : "set")
        + "]";
  }
}
