package dev.askdocs.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.SharedTestDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The locations loaders give the parts of a document: slide numbers, sheet names and rows, heading
 * paths, pages, an e-mail's sender and day; on the real shared files where they have them.
 */
class LoadLocationsTest {
  private final DocumentLoaders loaders = DocumentLoaders.standard();

  @TempDir Path tmp;

  private LoadedDocument shared(String name) {
    return loaders.load(SharedTestDocuments.files().resolve(name));
  }

  /** The location of the text where {@code words} first occur, alone (start to its end). */
  private static String locationOf(LoadedDocument d, String words) {
    int at = d.text().indexOf(words);
    assertThat(at).as(words).isNotNegative();
    return d.locationOf(at, at + words.length());
  }

  @Test
  void numbers_pptx_slides_and_keeps_the_slides_apart() {
    LoadedDocument d = shared("sample-presentation.pptx");
    assertThat(locationOf(d, "Title Slide")).isEqualTo("slide 1");
    assertThat(locationOf(d, "This is the first content slide")).isEqualTo("slide 2");
    assertThat(locationOf(d, "Subtopic 1 of subtopic 2")).isEqualTo("slide 3");
    assertThat(locationOf(d, "C2")).isEqualTo("slide 4");
    assertThat(d.hardBoundaries()).hasSize(4);
  }

  @Test
  void numbers_ppt_slides() {
    LoadedDocument d = shared("fake-power-point.ppt");
    assertThat(locationOf(d, "add_paragraph")).isEqualTo("slide 1");
  }

  @Test
  void names_xlsx_sheets_and_counts_their_rows_from_the_header() {
    LoadedDocument d = shared("CVLKRA-KYC_Download_File_Structure_V3.1.xlsx");
    assertThat(locationOf(d, "KYC HEADER")).isEqualTo("Sheet KYC HEADER");
    assertThat(locationOf(d, "S.No: 2 | Field: DATE")).isEqualTo("Sheet KYC HEADER, row 5");
    assertThat(locationOf(d, "APP_GEN")).startsWith("Sheet KYC, row ");
    int header = d.text().indexOf("S.No | Field | Field Type");
    int date = d.text().indexOf("DD/MM/YYYY");
    assertThat(d.locationOf(header, date)).isEqualTo("Sheet KYC HEADER, rows 1-5");
  }

  @Test
  void names_xls_sheets() {
    LoadedDocument d = shared("tests-example.xls");
    assertThat(locationOf(d, "Fill in the Blank")).startsWith("Sheet Format Abbr., row ");
    assertThat(locationOf(d, "bb-help@andrew.cmu.edu")).startsWith("Sheet Readme, row ");
    assertThat(d.hardBoundaries()).hasSize(3);
    // From the sheet's name on: its rows from the first.
    int sheet = d.text().indexOf("Format Abbr.");
    int fib = d.text().indexOf("Fill in the Blank");
    assertThat(d.locationOf(sheet, fib)).isEqualTo("Sheet Format Abbr., rows 1-11");
  }

  @Test
  void gives_docx_headings_their_path() {
    LoadedDocument d = shared("category-level.docx");
    assertThat(locationOf(d, "substitute for pistol")).isEqualTo("A Heading 1 › A Heading 2");
    assertThat(locationOf(d, "Manhattoes")).isEqualTo("Another Heading 1");
    // The two first-level headings are hard boundaries; the second-level one is not.
    assertThat(d.hardBoundaries()).hasSize(2);
  }

  @Test
  void gives_odt_headings_without_their_annotations() {
    LoadedDocument d = shared("testODFwithOOo3.odt");
    assertThat(locationOf(d, "blue")).isEqualTo("Apache Tika");
    // A passage from the top, where a frame's word stands before the first heading, takes the
    // location of the first section inside it.
    assertThat(d.locationOf(0, d.text().indexOf("blue"))).isEqualTo("Apache Tika");
  }

  @Test
  void gives_pdf_text_its_page() {
    LoadedDocument d = shared("table-multi-row-column-cells.pdf");
    assertThat(locationOf(d, "Dexterity")).isEqualTo("p. 1");
  }

  @Test
  void gives_an_email_its_sender_and_day() {
    LoadedDocument d = shared("testMSG.msg");
    assertThat(d.title()).isEqualTo("MIME registry use cases");
    assertThat(locationOf(d, "org.apache.tika.mime")).isEqualTo("from Jukka Zitting, 2009-01-29");
  }

  @Test
  void counts_csv_rows_from_the_header() {
    LoadedDocument d = shared("stanley-cups.csv");
    assertThat(locationOf(d, "PHI")).matches("rows? \\d+(-\\d+)?");
    String first = d.text().lines().findFirst().orElseThrow();
    assertThat(locationOf(d, first)).isEqualTo("row 1");
  }

  @Test
  void gives_markdown_headings_their_path_and_resets_deeper_levels() throws IOException {
    Path md = tmp.resolve("handbook.md");
    Files.writeString(
        md,
        "# Handbook\n\nIntro.\n\n## Leave\n\n### Parental leave\n\nSixteen weeks.\n\n"
            + "## Pay\n\nMonthly.\n");
    LoadedDocument d = loaders.load(md);
    assertThat(locationOf(d, "Intro.")).isEqualTo("Handbook");
    assertThat(locationOf(d, "Sixteen weeks.")).isEqualTo("Handbook › Leave › Parental leave");
    assertThat(locationOf(d, "Monthly.")).isEqualTo("Handbook › Pay");
    // h2 is the highest level used twice: "Leave" and "Pay" start hard sections, and so does h1.
    assertThat(d.hardBoundaries())
        .containsExactly(0, d.text().indexOf("Leave"), d.text().indexOf("Pay"));
  }

  @Test
  void gives_html_headings_their_path() throws IOException {
    Path html = tmp.resolve("page.html");
    Files.writeString(
        html,
        "<html><body><h1>Guide</h1><p>Read me.</p><h2>Install <small>now</small></h2>"
            + "<p>Run it.</p><h2>Use</h2><p>Ask it.</p></body></html>");
    LoadedDocument d = loaders.load(html);
    assertThat(d.text()).doesNotContain("\uFDD0").doesNotContain("\uFDD1");
    assertThat(locationOf(d, "Run it.")).isEqualTo("Guide › Install now");
    assertThat(locationOf(d, "Ask it.")).isEqualTo("Guide › Use");
  }

  @Test
  void leaves_plain_text_without_location() throws IOException {
    Path txt = tmp.resolve("notes.txt");
    Files.writeString(txt, "Just some notes.\n");
    LoadedDocument d = loaders.load(txt);
    assertThat(d.sections()).isEmpty();
    assertThat(d.locationOf(0, 5)).isNull();
    assertThat(List.of(d.hardBoundaries())).containsExactly(List.of());
  }
}
