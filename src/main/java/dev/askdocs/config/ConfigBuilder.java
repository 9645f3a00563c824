package dev.askdocs.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings changed by name, then read and validated as {@link Config#fromEnv} reads the environment
 * (so a value set here passes exactly the checks a variable would). Made by {@link
 * Config#builder()} or {@link Config#toBuilder()}; not thread-safe.
 */
public final class ConfigBuilder {
  private final Map<String, String> env;
  private ConfigFile file;

  ConfigBuilder(Map<String, String> env, ConfigFile file) {
    this.env = new HashMap<>(env);
    this.file = file;
  }

  /**
   * Sets {@code setting} to {@code value} as its variable would spell it: a collection is
   * comma-separated, null unsets it.
   */
  public ConfigBuilder set(Setting setting, Object value) {
    env.put(setting.name(), Settings.spell(value));
    return this;
  }

  /** What {@code askdocs.yml} declares. */
  public ConfigBuilder file(ConfigFile value) {
    this.file = value;
    return this;
  }

  /**
   * The config.
   *
   * @throws ConfigException naming the first setting whose value is unusable
   */
  public Config build() {
    return Config.fromEnv(env, file);
  }
}
