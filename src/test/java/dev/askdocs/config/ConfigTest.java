package dev.askdocs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void runs_with_no_configuration_at_all() {
    Config c = Config.fromEnv(Map.of());
    assertThat(c).isEqualTo(Config.defaults());
    assertThat(c.port()).isEqualTo(7070);
    assertThat(c.corpusDir()).isEqualTo(Path.of("corpus"));
    assertThat(c.indexDir()).isEqualTo(Path.of("data", "index"));
    assertThat(c.embeddingModel()).isEqualTo(EmbeddingModelName.ALL_MINILM_L6_V2);
  }

  @Test
  void reads_every_documented_variable() {
    Config c =
        Config.fromEnv(
            Map.of(
                "ASKDOCS_PORT", "8080",
                "ASKDOCS_HOST", "0.0.0.0",
                "ASKDOCS_CORPUS_DIR", "/docs",
                "ASKDOCS_INDEX_DIR", "/var/askdocs",
                "ASKDOCS_TOP_K", "8",
                "ASKDOCS_ABSTAIN_THRESHOLD", "0.3",
                "ASKDOCS_EMBEDDING_MODEL", "all-minilm-l6-v2-q"));
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.corpusDir()).isEqualTo(Path.of("/docs"));
    assertThat(c.indexDir()).isEqualTo(Path.of("/var/askdocs"));
    assertThat(c.topK()).isEqualTo(8);
    assertThat(c.abstainThreshold()).isEqualTo(0.3);
    assertThat(c.embeddingModel()).isEqualTo(EmbeddingModelName.ALL_MINILM_L6_V2_Q);
  }

  @Test
  void blank_values_keep_defaults() {
    assertThat(Config.fromEnv(Map.of("ASKDOCS_PORT", "  ")).port()).isEqualTo(7070);
  }

  @Test
  void names_the_variable_with_a_bad_value() {
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_PORT", "seventy")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_PORT")
        .hasMessageContaining("seventy");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_PORT", "70000")))
        .hasMessageContaining("ASKDOCS_PORT");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_TOP_K", "0")))
        .hasMessageContaining("ASKDOCS_TOP_K");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_ABSTAIN_THRESHOLD", "1.5")))
        .hasMessageContaining("ASKDOCS_ABSTAIN_THRESHOLD");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_EMBEDDING_MODEL", "gpt-5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_EMBEDDING_MODEL")
        .hasMessageContaining("all-minilm-l6-v2-q");
  }
}
