package dev.askdocs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownLoaderTest {
  private final MarkdownLoader loader = new MarkdownLoader();

  @TempDir Path dir;

  @Test
  void reads_markdown_fixture_as_plain_text() throws Exception {
    LoadedDocument doc = loader.load(fixture("guide.md"));

    assertThat(doc.title()).isEqualTo("Installation Guide");
    assertThat(doc.text())
        .isEqualTo(
            """
            Installation Guide

            Read this guide before you install the askdocs server.
            See the project site and the architecture diagram.

            Requirements

            - Java 17 or newer
            - A folder of documents
            - About 1 GiB of memory, set with max_heap_size

            java -jar askdocs.jar --port 8080

            Quoted advice: keep file_names_with_underscores as they are.

            Escaped *stars* stay literal.""");
    assertThat(doc.pageStarts()).isEmpty();
  }

  @Test
  void drops_front_matter_comments_and_link_targets() throws Exception {
    String text = loader.load(fixture("guide.md")).text();

    assertThat(text)
        .doesNotContain("layout", "draft", "multi-line comment", "https://", "img/arch.png", "```");
  }

  @Test
  void takes_title_from_first_atx_heading() throws IOException {
    Path file = write("a.md", "Intro line\n\n## Setup ##\n\ntext\n\n# Later\n");

    LoadedDocument doc = loader.load(file);

    assertThat(doc.title()).isEqualTo("Setup");
    assertThat(doc.text()).isEqualTo("Intro line\n\nSetup\n\ntext\n\nLater");
  }

  @Test
  void takes_title_from_setext_heading_with_dashes() throws IOException {
    Path file = write("b.md", "Release *Notes*\n---------------\nFixed bugs.\n");

    LoadedDocument doc = loader.load(file);

    assertThat(doc.title()).isEqualTo("Release Notes");
    assertThat(doc.text()).isEqualTo("Release Notes\n\nFixed bugs.");
  }

  @Test
  void takes_title_from_front_matter_when_declared() throws IOException {
    Path file = write("c.md", "---\ntitle: \"Ops Runbook\"\n---\n# Overview\nBody.\n");

    LoadedDocument doc = loader.load(file);

    assertThat(doc.title()).isEqualTo("Ops Runbook");
    assertThat(doc.text()).isEqualTo("Overview\n\nBody.");
  }

  @Test
  void falls_back_to_first_line_as_title_without_headings() throws IOException {
    Path file = write("d.md", "\n\n**Plain** start of a note.\nSecond line.\n");

    assertThat(loader.load(file).title()).isEqualTo("Plain start of a note.");
  }

  @Test
  void keeps_code_content_verbatim_and_hash_signs_that_are_not_headings() throws IOException {
    Path file =
        write(
            "e.md",
            "# C#\n\nUse `a*b*c` and #hashtag.\n\n~~~\n# not a heading\n*not emphasis*\n~~~\n");

    LoadedDocument doc = loader.load(file);

    assertThat(doc.title()).isEqualTo("C#");
    assertThat(doc.text())
        .isEqualTo("C#\n\nUse a*b*c and #hashtag.\n\n# not a heading\n*not emphasis*");
  }

  @Test
  void unwraps_nested_image_links_and_autolinks() throws IOException {
    Path file =
        write(
            "f.md",
            "[![Build status](badge.svg)](https://ci.example.org) see <https://example.org>\n"
                + "Read [the docs][docs].\n\n[docs]: https://example.org/docs\n");

    assertThat(loader.load(file).text())
        .isEqualTo("Build status see https://example.org\nRead the docs.");
  }

  @Test
  void skips_file_with_only_comments_with_reason() throws IOException {
    Path file = write("g.md", "<!-- nothing\nto see -->\n\n");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("no readable text");
  }

  @Test
  void skips_empty_file_with_reason() throws IOException {
    Path file = write("h.md", "  \n");

    assertThatThrownBy(() -> loader.load(file)).hasMessage("empty file");
  }

  @Test
  void rejects_binary_file_with_reason() throws IOException {
    Path file = Files.write(dir.resolve("i.md"), new byte[] {'#', ' ', 0, 0, 7});

    assertThatThrownBy(() -> loader.load(file)).hasMessage("binary or not UTF-8 text");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(MarkdownLoaderTest.class.getResource("/fixtures/" + name).toURI());
  }
}
