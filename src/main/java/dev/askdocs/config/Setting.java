package dev.askdocs.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One environment variable askdocs reads, defined once: its name, its default, the line that
 * documents it (docs/CONFIGURATION.md is generated from these, see {@link Settings#markdown()}) and
 * how the current value is read back from a {@link Config} (so that {@link Config#toBuilder()} can
 * change one setting and validate the whole again). Its validation lives in the record that holds
 * the value, which names the setting when it refuses one.
 *
 * @param name the variable, such as {@code ASKDOCS_PORT}
 * @param defaultValue the raw value used when the variable is unset or blank; empty means unset
 * @param doc one line for the settings table (Markdown)
 * @param current the value as the variable would spell it; null for a setting that a {@link
 *     ConfigFile} carries instead (the file and sign-in)
 */
public record Setting(
    String name, String defaultValue, String doc, Function<Config, String> current) {
  public Setting {
    Objects.requireNonNull(name);
    Objects.requireNonNull(defaultValue);
    Objects.requireNonNull(doc);
  }

  /** A setting with {@code defaultValue} (anything; {@code null} for unset). */
  static Setting of(String name, Object defaultValue, String doc, Function<Config, ?> current) {
    return new Setting(
        name,
        defaultValue == null ? "" : String.valueOf(defaultValue),
        doc,
        current == null ? null : c -> Settings.spell(current.apply(c)));
  }

  /** The default as the settings table shows it. */
  public String shownDefault() {
    return defaultValue.isEmpty() ? "unset" : "`" + defaultValue + "`";
  }
}
