package dev.askdocs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoaderTest {
  private final CsvLoader loader = new CsvLoader();

  @TempDir Path dir;

  @Test
  void writes_each_row_with_its_column_names_below_a_title_row() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("cups.csv"),
            "Stanley Cups,,\nTeam,Location,Stanley Cups\nBlues,STL,1\nFlyers,PHI,2\n");

    LoadedDocument doc = loader.load(file);

    assertThat(doc.title()).isEqualTo("Stanley Cups");
    assertThat(doc.text())
        .isEqualTo(
            """
            Stanley Cups
            Team | Location | Stanley Cups
            Team: Blues | Location: STL | Stanley Cups: 1
            Team: Flyers | Location: PHI | Stanley Cups: 2""");
  }

  @Test
  void reads_backslash_escaped_quotes_and_quoted_line_breaks() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("songs.csv"),
            "\"Year\",\"Song\",\"Goals\nFor\"\n\"2005\",\"in \\\"Bailarina\\\" episode\",\"3\"\n");

    assertThat(loader.load(file).text())
        .isEqualTo(
            "Year | Song | Goals For\nYear: 2005 | Song: in \"Bailarina\" episode | Goals For: 3");
  }

  @Test
  void keeps_backslashes_literal_in_files_without_escaped_quotes() throws IOException {
    Path file = Files.writeString(dir.resolve("paths.csv"), "Name;Path\nnotes;C:\\new\\table\n");

    assertThat(loader.load(file).text()).endsWith("Name: notes | Path: C:\\new\\table");
  }

  @Test
  void refuses_an_unterminated_quote_with_reason() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.csv"), "a,b\n\"open,2\n");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessageStartingWith("not a readable CSV file");
  }

  @Test
  void refuses_a_file_of_empty_cells() throws IOException {
    Path file = Files.writeString(dir.resolve("empty.csv"), ",,\n,,\n");

    assertThatThrownBy(() -> loader.load(file)).hasMessage("no readable text");
  }
}
