package dev.askdocs.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** Typed reads of environment variables by their {@link Setting}; each failure names it. */
final class EnvReader {
  private final Map<String, String> env;

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  /** The raw value, or the setting's default when unset or blank (empty when it has none). */
  String string(Setting s) {
    String raw = env.get(s.name());
    return raw == null || raw.isBlank() ? s.defaultValue() : raw.trim();
  }

  int integer(Setting s) {
    return value(s, Integer::parseInt);
  }

  long longInteger(Setting s) {
    return value(s, Long::parseLong);
  }

  double decimal(Setting s) {
    return value(s, Double::parseDouble);
  }

  /** The path, or null when unset and without default. */
  Path path(Setting s) {
    return value(s, Path::of);
  }

  boolean bool(Setting s) {
    return value(s, EnvReader::bool);
  }

  /** {@code parse} of the raw value or default; null when both are empty. */
  <T> T value(Setting s, Function<String, T> parse) {
    String raw = string(s);
    if (raw.isEmpty()) {
      return null;
    }
    try {
      return parse.apply(raw);
    } catch (NumberFormatException e) {
      throw new ConfigException(s.name(), "must be a number, was '" + raw + "'");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(s.name(), e.getMessage() + ", was '" + raw + "'");
    }
  }

  private static boolean bool(String raw) {
    return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }
}
