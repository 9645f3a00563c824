package dev.askdocs.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The embedding models askdocs ships, by the id used in settings. */
public enum EmbeddingModelName {
  ALL_MINILM_L6_V2("all-minilm-l6-v2"),
  ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q");

  private final String id;

  EmbeddingModelName(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Parses a setting value. */
  public static EmbeddingModelName fromId(String id) {
    return Arrays.stream(values())
        .filter(m -> m.id.equalsIgnoreCase(id.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "must be one of "
                        + Arrays.stream(values())
                            .map(EmbeddingModelName::id)
                            .collect(Collectors.joining(", "))));
  }
}
