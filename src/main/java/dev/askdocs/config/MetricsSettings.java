package dev.askdocs.config;

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

  public MetricsSettings {
    if (managementPort.isPresent()
        && (managementPort.getAsInt() < 0 || managementPort.getAsInt() > 65535)) {
      throw new ConfigException("ASKDOCS_MANAGEMENT_PORT", "must be between 0 and 65535");
    }
    if (!key.isEmpty() && key.length() < MIN_KEY_LENGTH) {
      throw new ConfigException(
          "ASKDOCS_METRICS_KEY", "must be at least " + MIN_KEY_LENGTH + " characters");
    }
  }

  public static MetricsSettings defaults() {
    return new MetricsSettings(OptionalInt.empty(), "");
  }

  static MetricsSettings fromEnv(EnvReader r) {
    String port = r.string("ASKDOCS_MANAGEMENT_PORT", "");
    OptionalInt managementPort = OptionalInt.empty();
    if (!port.isEmpty()) {
      managementPort = OptionalInt.of(r.integer("ASKDOCS_MANAGEMENT_PORT", 0));
    }
    return new MetricsSettings(managementPort, r.string("ASKDOCS_METRICS_KEY", ""));
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
