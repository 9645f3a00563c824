package dev.askdocs.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.SharedTestDocuments;
import dev.askdocs.SharedTestDocuments.Question;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shared test document (real files by other people, ../shared/test-documents) loads with a
 * title and text, or is refused with a reason; and each question's expected answer is in the text
 * of the file it names, so a loader that drops a table cell, an e-mail body or a slide fails here.
 */
class SharedDocumentsLoadTest {
  private final DocumentLoaders loaders = DocumentLoaders.standard();

  @Test
  void every_shared_document_loads_or_is_refused_with_a_reason() throws IOException {
    Path files = SharedTestDocuments.files();
    Map<String, String> refused = new HashMap<>();
    List<Path> all;
    try (Stream<Path> s = Files.list(files)) {
      all = s.sorted().toList();
    }
    assertThat(all).hasSizeGreaterThanOrEqualTo(16);
    for (Path file : all) {
      try {
        LoadedDocument doc = loaders.load(file);
        assertThat(doc.title()).as(file.toString()).isNotBlank();
        assertThat(doc.text()).as(file.toString()).isNotBlank();
      } catch (DocumentLoadException e) {
        refused.put(file.getFileName().toString(), e.getMessage());
      }
    }
    System.out.println("shared documents refused: " + refused);
    if (Ocr.detect().isPresent()) {
      assertThat(refused).isEmpty();
    } else {
      // Without Tesseract only the two scans may be refused, with a reason naming the package.
      assertThat(refused)
          .containsOnlyKeys("double-column-B.jpg", "table-multi-row-column-cells.pdf");
      refused.forEach((name, reason) -> assertThat(reason).as(name).contains("tesseract-ocr"));
    }
  }

  @Test
  void each_expected_answer_is_in_the_loaded_text_of_its_file() {
    Path files = SharedTestDocuments.files();
    Map<String, String> texts = new HashMap<>();
    int checked = 0;
    for (Question q : SharedTestDocuments.questions()) {
      String text =
          texts.computeIfAbsent(
              q.file(),
              f -> {
                try {
                  return SharedTestDocuments.comparable(loaders.load(files.resolve(f)).text());
                } catch (DocumentLoadException e) {
                  return null;
                }
              });
      if (text == null) {
        continue; // a scan without OCR: the test above checks its reason
      }
      assertThat(text)
          .as(q.file() + ": " + q.question())
          .contains(SharedTestDocuments.comparable(q.expected()));
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(30);
  }
}
