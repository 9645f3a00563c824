package dev.askdocs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path dir;

  @Test
  void reads_the_issue_example_with_folders_resolved_against_the_file() throws Exception {
    Path file =
        write(
            """
            collections:
              - name: handbook
                folders: [docs/handbook]
                readers: [staff]
                editors: [hr]
              - name: board
                folders: [/srv/docs/board]
                readers: [board]
                sites:
                  - urls: [http://127.0.0.1:8080/docs/index.html]
            apiKeys:
              - name: intranet-bot
                key: "0c9f0c9f0c9f0c9f0c9f"
                groups: [staff]
            slack:
              channels: {C0123: handbook}
            mattermost:
              - token: tok
                collection: board
            """);

    ConfigFile f = ConfigFile.read(file);

    assertThat(f.collections())
        .extracting(CollectionSettings::name)
        .containsExactly("handbook", "board");
    assertThat(f.collections().get(0).folders()).containsExactly(dir.resolve("docs/handbook"));
    assertThat(f.collections().get(1).folders()).containsExactly(Path.of("/srv/docs/board"));
    assertThat(f.collections().get(0).editors()).containsExactly("hr");
    assertThat(f.collections().get(1).sites().get(0).effectivePrefix())
        .isEqualTo("http://127.0.0.1:8080/docs/");
    assertThat(f.apiKeys().get(0).groups()).containsExactly("staff");
    assertThat(f.slack().channels()).isEqualTo(Map.of("C0123", "handbook"));
    assertThat(f.mattermost().get(0).collection()).isEqualTo("board");
  }

  @Test
  void without_a_file_there_is_one_default_collection_over_the_corpus() {
    ConfigFile f = ConfigFile.fromEnv(Map.of());

    assertThat(f.collectionsOr(Path.of("corpus")))
        .containsExactly(CollectionSettings.defaultOver(Path.of("corpus")));
  }

  @Test
  void a_bad_file_is_refused_naming_the_field() throws Exception {
    assertThatThrownBy(() -> ConfigFile.read(write("collections:\n  - name: Bad Name\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_CONFIG")
        .hasMessageContaining("'name' must be");
    assertThatThrownBy(() -> ConfigFile.read(write("colections: []\n")))
        .hasMessageContaining("colections");
    assertThatThrownBy(
            () ->
                ConfigFile.read(
                    write("collections: [{name: a}]\napiKeys: [{name: k, key: short}]\n")))
        .hasMessageContaining("shorter than 16");
    assertThatThrownBy(
            () ->
                ConfigFile.read(write("collections: [{name: a}]\nslack: {channels: {C1: nope}}\n")))
        .hasMessageContaining("'nope', which is not declared");
    assertThatThrownBy(
            () -> ConfigFile.fromEnv(Map.of("ASKDOCS_CONFIG", dir.resolve("none.yml").toString())))
        .hasMessageContaining("not a readable file");
  }

  @Test
  void a_site_must_be_http() {
    assertThatThrownBy(
            () ->
                new SiteSettings(
                    List.of(URI.create("file:///etc/passwd")), null, null, null, null, null))
        .hasMessageContaining("not an http(s) URL");
  }

  private Path write(String yaml) throws Exception {
    Path f = Files.createTempFile(dir, "askdocs", ".yml");
    Files.writeString(f, yaml);
    return f;
  }
}
