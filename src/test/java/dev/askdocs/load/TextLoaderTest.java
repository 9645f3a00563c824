package dev.askdocs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLoaderTest {
  private final TextLoader loader = new TextLoader();

  @TempDir Path dir;

  @Test
  void reads_text_with_first_non_blank_line_as_title() throws IOException {
    Path file = write("notes.txt", "\n  Team Handbook  \n\nWe ship on Fridays.\n");

    LoadedDocument doc = loader.load(file);

    assertThat(doc.title()).isEqualTo("Team Handbook");
    assertThat(doc.pageStarts()).isEmpty();
    assertThat(doc.pageAt(0)).isNull();
  }

  @Test
  void keeps_text_as_written_so_offsets_point_into_the_file() throws IOException {
    String content = "\n  Team Handbook  \n\nWe ship   on Fridays.";
    Path file = write("notes.txt", content + "\n\n  ");

    assertThat(loader.load(file).text()).isEqualTo(content);
  }

  @Test
  void normalises_crlf_and_cr_line_endings() throws IOException {
    Path file = write("dos.txt", "Title\r\nline two\rline three\r\n");

    assertThat(loader.load(file).text()).isEqualTo("Title\nline two\nline three");
  }

  @Test
  void strips_utf8_byte_order_mark() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "Café menu\nsoup".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, bytes, 0, bom.length);
    System.arraycopy(body, 0, bytes, bom.length, body.length);
    Path file = Files.write(dir.resolve("bom.txt"), bytes);

    LoadedDocument doc = loader.load(file);

    assertThat(doc.title()).isEqualTo("Café menu");
    assertThat(doc.text()).isEqualTo("Café menu\nsoup");
  }

  @Test
  void caps_very_long_first_line_as_title_but_keeps_it_in_text() throws IOException {
    String longLine = "word ".repeat(100).strip();
    Path file = write("long.txt", longLine + "\nrest");

    LoadedDocument doc = loader.load(file);

    assertThat(doc.title()).hasSizeLessThanOrEqualTo(Titles.MAX_LENGTH).startsWith("word word");
    assertThat(doc.text()).isEqualTo(longLine + "\nrest");
  }

  @Test
  void replaces_a_rare_invalid_byte_instead_of_rejecting() throws IOException {
    String text = "Report\n" + "All systems nominal. ".repeat(20);
    byte[] good = text.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[good.length + 1];
    System.arraycopy(good, 0, bytes, 0, good.length);
    bytes[good.length] = (byte) 0xFF;
    Path file = Files.write(dir.resolve("almost.txt"), bytes);

    assertThat(loader.load(file).text()).startsWith("Report\nAll systems").endsWith("\uFFFD");
  }

  @Test
  void rejects_latin1_text_with_many_invalid_bytes() throws IOException {
    byte[] latin1 = "Ærø Ålborg Øre Åse".getBytes(StandardCharsets.ISO_8859_1);
    Path file = Files.write(dir.resolve("latin1.txt"), latin1);

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("binary or not UTF-8 text");
  }

  @Test
  void rejects_binary_file_with_nul_bytes() throws IOException {
    Path file = Files.write(dir.resolve("image.txt"), new byte[] {'G', 'I', 'F', 0, 1, 2, 'x'});

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("binary or not UTF-8 text");
  }

  @Test
  void rejects_utf16_text_as_not_utf8() throws IOException {
    Path file = Files.write(dir.resolve("utf16.txt"), "Hello".getBytes(StandardCharsets.UTF_16));

    assertThatThrownBy(() -> loader.load(file)).hasMessage("binary or not UTF-8 text");
  }

  @Test
  void skips_empty_file_with_reason() throws IOException {
    Path file = write("empty.txt", "");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("empty file");
  }

  @Test
  void skips_whitespace_only_file_with_reason() throws IOException {
    Path file = write("blank.txt", " \n\t\r\n  ");

    assertThatThrownBy(() -> loader.load(file)).hasMessage("empty file");
  }

  @Test
  void rejects_missing_file_as_unreadable() {
    assertThatThrownBy(() -> loader.load(dir.resolve("gone.txt")))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("cannot read file: file not found");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
