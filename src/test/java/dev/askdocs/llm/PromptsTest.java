package dev.askdocs.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askdocs.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptsTest {
  @TempDir Path dir;

  @Test
  void loads_the_built_in_templates() {
    Prompts p = Prompts.load(Optional.empty());

    assertThat(p.answerSystem().text()).contains("NOT_IN_DOCUMENTS").contains("[1]");
    assertThat(p.answerUser().text()).contains("{{question}}").contains("{{passages}}");
    assertThat(p.condenseQuestion().text()).contains("{{history}}").contains("{{question}}");
  }

  @Test
  void a_file_in_the_override_folder_replaces_its_built_in_namesake_only() throws Exception {
    Files.writeString(dir.resolve(Prompts.ANSWER_USER), "Q: {{question}}\n\n{{passages}}");

    Prompts p = Prompts.load(Optional.of(dir));

    assertThat(p.answerUser().text()).isEqualTo("Q: {{question}}\n\n{{passages}}");
    assertThat(p.answerSystem()).isEqualTo(Prompts.load(Optional.empty()).answerSystem());
  }

  @Test
  void a_missing_placeholder_stops_start_up_naming_the_file() throws Exception {
    Files.writeString(dir.resolve(Prompts.CONDENSE_QUESTION), "Rewrite {{question}} alone.");

    assertThatThrownBy(() -> Prompts.load(Optional.of(dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.resolve(Prompts.CONDENSE_QUESTION).toString())
        .hasMessageContaining("missing placeholder {{history}}");
  }

  @Test
  void an_unknown_placeholder_stops_start_up_naming_the_file() throws Exception {
    Files.writeString(dir.resolve(Prompts.ANSWER_USER), "{{question}} {{passages}} {{questoin}}");

    assertThatThrownBy(() -> Prompts.load(Optional.of(dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(Prompts.ANSWER_USER)
        .hasMessageContaining("unknown placeholder {{questoin}}");
  }

  @Test
  void an_override_folder_that_does_not_exist_is_a_configuration_error() {
    assertThatThrownBy(() -> Prompts.load(Optional.of(dir.resolve("nope"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_PROMPTS_DIR");
  }

  @Test
  void renders_values_literally_in_one_pass() {
    Prompts p = Prompts.load(Optional.empty());

    String out =
        p.answerUser().render(Map.of("question", "What is {{passages}}? $1 \\", "passages", "P"));

    assertThat(out)
        .contains("Question: What is {{passages}}? $1 \\")
        .doesNotContain("{{question}}");
  }
}
