package dev.askdocs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TikaLoaderTest {
  private static final String[][] REVENUE = {
    {"Region", "Quarter", "Revenue"}, {"EMEA", "Q3", "1200"}, {"APAC", "Q3", "900"}
  };

  private final TikaLoader loader = new TikaLoader();

  @TempDir Path dir;

  @Test
  void reads_a_docx_paragraphs_with_first_line_as_title() throws IOException {
    Path file =
        Files.write(dir.resolve("r.docx"), OfficeFiles.docx("Leave policy", "Staff get 25 days."));

    LoadedDocument doc = loader.load(file);

    assertThat(doc.title()).isEqualTo("Leave policy");
    assertThat(doc.text()).isEqualTo("Leave policy\n\nStaff get 25 days.");
  }

  @Test
  void writes_spreadsheet_rows_with_the_header_repeated() throws IOException {
    Path file = Files.write(dir.resolve("rev.xlsx"), OfficeFiles.xlsx("Revenue 2024", REVENUE));

    String text = loader.load(file).text();

    assertThat(text)
        .contains("Revenue 2024")
        .contains("Region: EMEA | Quarter: Q3 | Revenue: 1200")
        .contains("Region: APAC | Quarter: Q3 | Revenue: 900");
  }

  @Test
  void refuses_an_encrypted_workbook_with_reason() throws IOException {
    Path file =
        Files.write(
            dir.resolve("secret.xlsx"), OfficeFiles.encryptedXlsx("Revenue", REVENUE, "pw"));

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("encrypted or password protected");
  }

  @Test
  void refuses_text_beyond_the_character_limit() throws IOException {
    Path file = Files.write(dir.resolve("long.docx"), OfficeFiles.docx("word ".repeat(2000)));

    assertThatThrownBy(() -> new TikaLoader(5000).load(file))
        .hasMessage("more than 5000 characters of text");
  }

  @Test
  void takes_an_e_mail_subject_as_title_and_sender_and_date_into_the_text() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("m.eml"),
            "From: Ana Lima <ana@example.org>\r\nTo: team@example.org\r\n"
                + "Subject: Office move\r\nDate: Tue, 3 Mar 2026 10:00:00 +0000\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "We move to the third floor on Friday.\r\n");

    LoadedDocument doc = loader.load(file);

    assertThat(doc.title()).isEqualTo("Office move");
    assertThat(doc.text())
        .startsWith("From: Ana Lima <ana@example.org>\nDate: 2026-03-03T10:00:00Z")
        .contains("We move to the third floor on Friday.");
  }

  @Test
  void refuses_a_damaged_docx_with_reason() throws IOException {
    byte[] valid = OfficeFiles.docx("Some text");
    Path file = Files.write(dir.resolve("cut.docx"), java.util.Arrays.copyOf(valid, 900));

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessageStartingWith("not a readable DOCX file: ");
  }
}
