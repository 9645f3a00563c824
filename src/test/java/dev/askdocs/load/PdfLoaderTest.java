package dev.askdocs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfLoaderTest {
  private final PdfLoader loader = new PdfLoader();

  @TempDir Path dir;

  @Test
  void reads_pdf_pages_with_page_starts() throws IOException {
    Path file =
        TestPdfs.write(
            dir.resolve("manual.pdf"),
            "Operator Manual",
            new String[] {"Chapter one explains setup.", "It has two lines."},
            new String[] {"Chapter two explains backups."});

    LoadedDocument doc = loader.load(file);

    assertThat(doc.title()).isEqualTo("Operator Manual");
    assertThat(doc.text())
        .isEqualTo(
            "Chapter one explains setup.\nIt has two lines.\n\nChapter two explains backups.");
    assertThat(doc.pageStarts()).containsExactly(0, doc.text().indexOf("Chapter two"));
    assertThat(doc.pageAt(doc.text().indexOf("two lines"))).isEqualTo(1);
    assertThat(doc.pageAt(doc.text().indexOf("backups"))).isEqualTo(2);
  }

  @Test
  void takes_title_from_first_line_when_metadata_has_none() throws IOException {
    Path file = TestPdfs.write(dir.resolve("notes.pdf"), null, new String[] {"Meeting Notes"});

    assertThat(loader.load(file).title()).isEqualTo("Meeting Notes");
  }

  @Test
  void ignores_blank_metadata_title() throws IOException {
    Path file = TestPdfs.write(dir.resolve("notes.pdf"), "   ", new String[] {"Meeting Notes"});

    assertThat(loader.load(file).title()).isEqualTo("Meeting Notes");
  }

  @Test
  void gives_pages_without_text_the_start_of_the_next_text() throws IOException {
    Path file =
        TestPdfs.write(
            dir.resolve("gaps.pdf"),
            "Gaps",
            null,
            new String[] {"Second page text."},
            null,
            new String[] {"Fourth page text."},
            null);

    LoadedDocument doc = loader.load(file);

    int fourth = doc.text().indexOf("Fourth");
    assertThat(doc.text()).isEqualTo("Second page text.\n\nFourth page text.");
    assertThat(doc.pageStarts()).containsExactly(0, 0, fourth, fourth, doc.text().length());
    assertThat(doc.pageAt(0)).isEqualTo(2);
    assertThat(doc.pageAt(fourth)).isEqualTo(4);
  }

  @Test
  void rejects_truncated_pdf_with_reason() throws IOException {
    Path whole =
        TestPdfs.write(
            dir.resolve("whole.pdf"),
            "Whole",
            new String[] {"Some text that will be cut off."},
            new String[] {"More text."});
    byte[] bytes = Files.readAllBytes(whole);
    // Cut in the middle, like an interrupted download: the page tree is lost.
    Path truncated =
        Files.write(dir.resolve("truncated.pdf"), Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> loader.load(truncated))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessageStartingWith("not a readable PDF: ");
  }

  @Test
  void rejects_file_that_is_not_a_pdf_with_reason() throws IOException {
    Path file = Files.writeString(dir.resolve("fake.pdf"), "just some text, no PDF header");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessageStartingWith("not a readable PDF: ");
  }

  @Test
  void rejects_pdf_without_text_as_scanned() throws IOException {
    Path file = TestPdfs.write(dir.resolve("scan.pdf"), "Scanned", null, null);

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("no extractable text (scanned PDF?); " + Ocr.INSTALL_HINT);
  }

  @Test
  void rejects_password_protected_pdf_with_reason() throws IOException {
    Path file = TestPdfs.writeEncrypted(dir.resolve("secret.pdf"), "user-secret", "Top secret.");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("not a readable PDF: password protected");
  }

  @Test
  void reads_pdf_encrypted_without_user_password() throws IOException {
    Path file = TestPdfs.writeEncrypted(dir.resolve("locked.pdf"), "", "Readable by anyone.");

    assertThat(loader.load(file).text()).isEqualTo("Readable by anyone.");
  }

  @Test
  void rejects_zero_byte_pdf_as_empty() throws IOException {
    Path file = Files.write(dir.resolve("empty.pdf"), new byte[0]);

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("empty file");
  }

  @Test
  void rejects_missing_file_as_unreadable() {
    assertThatThrownBy(() -> loader.load(dir.resolve("gone.pdf")))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("cannot read file: file not found");
  }
}
