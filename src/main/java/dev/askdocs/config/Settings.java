package dev.askdocs.config;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Every environment variable askdocs reads, in the order docs/CONFIGURATION.md lists them; the
 * table there is {@link #markdown()}.
 */
public final class Settings {
  private static final List<Setting> ALL =
      Stream.of(
              List.of(Config.PORT, Config.HOST, Config.CORPUS_DIR, Config.INDEX_DIR),
              WatchSettings.ALL,
              List.of(
                  Config.TOP_K,
                  Config.ABSTAIN_THRESHOLD,
                  Config.EMBEDDING_MODEL,
                  Config.MAX_QUESTION_CHARS,
                  Config.FUSION,
                  Config.FUSION_CANDIDATES),
              SlackSettings.ALL,
              LlmSettings.ALL,
              ConversationSettings.ALL,
              IndexSettings.ALL,
              ApiSettings.ALL,
              List.of(ConfigFile.CONFIG),
              OidcSettings.ALL,
              MetricsSettings.ALL,
              LogSettings.ALL)
          .flatMap(List::stream)
          .toList();

  private Settings() {}

  /** Every setting, each once. */
  public static List<Setting> all() {
    return ALL;
  }

  /** The settings table of docs/CONFIGURATION.md, one row per setting. */
  public static String markdown() {
    StringBuilder b = new StringBuilder("| Variable | Default | Meaning |\n|---|---|---|\n");
    for (Setting s : ALL) {
      b.append("| `")
          .append(s.name())
          .append("` | ")
          .append(s.shownDefault())
          .append(" | ")
          .append(s.doc())
          .append(" |\n");
    }
    return b.toString();
  }

  /** The items of a comma-separated value, stripped, without empty ones. */
  static List<String> list(String csv) {
    return java.util.Arrays.stream(csv.split(","))
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .toList();
  }

  /** A value as its variable spells it; empty for null or an empty optional. */
  static String spell(Object value) {
    if (value instanceof Optional<?> o) {
      return o.map(Settings::spell).orElse("");
    }
    if (value instanceof OptionalInt o) {
      return o.isPresent() ? String.valueOf(o.getAsInt()) : "";
    }
    if (value instanceof Collection<?> c) {
      return String.join(",", c.stream().map(String::valueOf).toList());
    }
    return value == null ? "" : String.valueOf(value);
  }
}
