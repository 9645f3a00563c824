package dev.askdocs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The office-format test documents written by other people, kept beside the project in {@code
 * ../shared/test-documents} ({@code files/}, {@code questions.tsv}). Tests that need them skip
 * themselves when the folder is absent, except in CI ({@code CI=true}), where its absence fails
 * them: there a skipped check would look like a passed one.
 */
public final class SharedTestDocuments {
  public static final Path ROOT = Path.of("..", "shared", "test-documents");
  public static final Path FILES = ROOT.resolve("files");

  /** One row of questions.tsv. */
  public record Question(String file, String question, String expected) {}

  private SharedTestDocuments() {}

  /** Skips the calling test (fails it under {@code CI=true}) when the documents are missing. */
  public static Path files() {
    boolean present =
        Files.isDirectory(FILES) && Files.isRegularFile(ROOT.resolve("questions.tsv"));
    Prerequisites.require(present, "shared test documents not found at " + ROOT.toAbsolutePath());
    return FILES;
  }

  /** The rows of questions.tsv, header dropped. */
  public static List<Question> questions() {
    files();
    try {
      return Files.readAllLines(ROOT.resolve("questions.tsv")).stream()
          .skip(1)
          .filter(l -> !l.isBlank())
          .map(l -> l.split("\t", -1))
          .map(p -> new Question(p[0], p[1], p[2]))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lower case, whitespace runs collapsed: how questions.tsv says to compare texts. */
  public static String comparable(String text) {
    return text.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
  }
}
