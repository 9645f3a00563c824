package dev.askdocs.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Loads Markdown files ({@code .md}, {@code .markdown}) as readable plain text.
 *
 * <p>Decoding follows {@link TextLoader}: UTF-8, BOM removed, {@code \n} line endings; binary or
 * non-UTF-8 files and blank files are rejected with a reason. The text drops markup a reader does
 * not see (heading and emphasis markers, link targets, code fences, HTML comments, YAML front
 * matter) but keeps link text, image alt text and code, with paragraphs separated by one blank
 * line. The title is the front matter {@code title:}, else the first ATX or setext heading, else
 * the first non-blank line. Each heading starts a section with its heading path ({@code "Guide ›
 * Install › Linux"}). Stateless and thread-safe.
 */
public final class MarkdownLoader implements DocumentLoader {
  @Override
  public Set<String> extensions() {
    return Set.of("md", "markdown");
  }

  @Override
  public LoadedDocument load(Path file) {
    MarkdownText.Converted converted = MarkdownText.convert(Utf8Text.read(file));
    String text = Utf8Text.normalise(converted.text());
    if (text.isBlank()) {
      throw new DocumentLoadException("no readable text");
    }
    String title = Titles.clean(converted.declaredTitle());
    if (title == null) {
      title = Titles.firstLine(text);
    }
    return new LoadedDocument(title, text, List.of(), converted.sections());
  }
}
