package dev.askdocs.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** Typed reads of environment variables; each failure names its variable. */
final class EnvReader {
  private final Map<String, String> env;

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  String string(String name, String fallback) {
    String raw = env.get(name);
    return raw == null || raw.isBlank() ? fallback : raw.trim();
  }

  int integer(String name, int fallback) {
    return value(name, fallback, Integer::parseInt);
  }

  double decimal(String name, double fallback) {
    return value(name, fallback, Double::parseDouble);
  }

  Path path(String name, Path fallback) {
    return value(name, fallback, Path::of);
  }

  <T> T value(String name, T fallback, Function<String, T> parse) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return parse.apply(raw.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "must be a number, was '" + raw + "'");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, e.getMessage() + ", was '" + raw + "'");
    }
  }
}
