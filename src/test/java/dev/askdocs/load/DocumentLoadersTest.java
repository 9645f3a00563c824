package dev.askdocs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentLoadersTest {
  private final DocumentLoaders loaders = DocumentLoaders.standard();

  @TempDir Path dir;

  @Test
  void standard_registry_supports_text_markup_pdf_csv_office_formats_and_images() {
    assertThat(loaders.extensions())
        .containsExactlyInAnyOrder(
            "txt",
            "md",
            "markdown",
            "html",
            "htm",
            "pdf",
            "csv",
            "docx",
            "doc",
            "pptx",
            "ppt",
            "xlsx",
            "xls",
            "odt",
            "ods",
            "odp",
            "rtf",
            "epub",
            "eml",
            "msg",
            "png",
            "jpg",
            "jpeg",
            "tif",
            "tiff");
    assertThat(loaders.maxBytes()).isEqualTo(50L * 1024 * 1024);
  }

  @Test
  void finds_loader_by_extension_ignoring_case() {
    assertThat(loaders.forFile(Path.of("docs", "Guide.MD")))
        .get()
        .isInstanceOf(MarkdownLoader.class);
    assertThat(loaders.forFile(Path.of("a.b.Pdf"))).get().isInstanceOf(PdfLoader.class);
    assertThat(loaders.forFile(Path.of("index.htm"))).get().isInstanceOf(HtmlLoader.class);
    assertThat(loaders.forFile(Path.of("slides.PPTX"))).get().isInstanceOf(TikaLoader.class);
    assertThat(loaders.forFile(Path.of("table.csv"))).get().isInstanceOf(CsvLoader.class);
  }

  @Test
  void finds_no_loader_for_unknown_or_missing_extension() {
    assertThat(loaders.forFile(Path.of("archive.rar"))).isEmpty();
    assertThat(loaders.forFile(Path.of("README"))).isEmpty();
    assertThat(loaders.forFile(Path.of(".txt"))).isEmpty();
    assertThat(loaders.forFile(Path.of("trailing."))).isEmpty();
  }

  @Test
  void loads_file_with_the_loader_for_its_extension() throws IOException {
    Path pdf = TestPdfs.write(dir.resolve("Report.PDF"), "Q3 Report", new String[] {"Revenue up."});
    Path txt = Files.writeString(dir.resolve("notes.TXT"), "Notes\nbody");

    assertThat(loaders.load(pdf).pageStarts()).containsExactly(0);
    assertThat(loaders.load(txt).title()).isEqualTo("Notes");
  }

  @Test
  void rejects_unsupported_file_type_with_reason() throws IOException {
    Path file = Files.writeString(dir.resolve("data.XYZ"), "anything");

    assertThatThrownBy(() -> loaders.load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("unsupported file type: .xyz");
  }

  @Test
  void rejects_file_without_extension_with_reason() throws IOException {
    Path file = Files.writeString(dir.resolve("Makefile"), "all:");

    assertThatThrownBy(() -> loaders.load(file)).hasMessage("unsupported file type: no extension");
  }

  @Test
  void rejects_file_larger_than_limit_with_reason() throws IOException {
    Path file = Files.writeString(dir.resolve("big.txt"), "x".repeat(101));

    assertThatThrownBy(() -> DocumentLoaders.standard(100).load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("file too large: 101 bytes, limit 100");
    assertThat(DocumentLoaders.standard(101).load(file).text()).hasSize(101);
  }

  @Test
  void rejects_missing_file_with_reason() {
    assertThatThrownBy(() -> loaders.load(dir.resolve("gone.md")))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("cannot read file: file not found");
  }

  @Test
  void rejects_directory_with_supported_extension() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("archive.txt"));

    assertThatThrownBy(() -> loaders.load(folder)).hasMessage("not a regular file");
  }

  @Test
  void passes_on_the_loader_reason() throws IOException {
    Path file = Files.writeString(dir.resolve("empty.md"), "");

    assertThatThrownBy(() -> loaders.load(file)).hasMessage("empty file");
  }

  @Test
  void refuses_two_loaders_for_one_extension() {
    assertThatThrownBy(() -> new DocumentLoaders(List.of(new TextLoader(), new TextLoader()), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".txt");
  }

  @Test
  void refuses_non_positive_size_limit() {
    assertThatThrownBy(() -> DocumentLoaders.standard(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void skips_a_file_over_its_time_budget_with_reason_and_goes_on() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    DocumentLoader stuck =
        new DocumentLoader() {
          @Override
          public Set<String> extensions() {
            return Set.of("slow");
          }

          @Override
          public LoadedDocument load(Path file) {
            try {
              new CountDownLatch(1).await();
            } catch (InterruptedException e) {
              interrupted.countDown();
            }
            throw new DocumentLoadException("interrupted");
          }
        };
    DocumentLoaders budgeted =
        new DocumentLoaders(
            List.of(stuck, new TextLoader()), 1000, java.time.Duration.ofMillis(200));
    Path slow = Files.writeString(dir.resolve("a.slow"), "x");
    Path txt = Files.writeString(dir.resolve("b.txt"), "After the slow one");

    assertThatThrownBy(() -> budgeted.load(slow))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("took longer than 0.2 s to read (the limit per file)");
    assertThat(budgeted.load(txt).text()).isEqualTo("After the slow one");
    // The worker of the file over budget is interrupted, not left waiting.
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void reports_a_stack_overflow_in_a_parser_as_a_load_failure() throws IOException {
    DocumentLoader deep =
        new DocumentLoader() {
          @Override
          public Set<String> extensions() {
            return Set.of("deep");
          }

          @Override
          public LoadedDocument load(Path file) {
            throw new StackOverflowError();
          }
        };
    Path file = Files.writeString(dir.resolve("a.deep"), "x");

    assertThatThrownBy(() -> new DocumentLoaders(List.of(deep), 1000).load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("nested too deeply to read");
  }
}
