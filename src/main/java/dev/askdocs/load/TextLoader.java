package dev.askdocs.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Loads plain UTF-8 text files ({@code .txt}).
 *
 * <p>The text is the file's content unchanged apart from a removed BOM, {@code \n} line endings and
 * no trailing whitespace at the end, so offsets into it point at what the author wrote; the title
 * is the first non-blank line, which also stays part of the text. Files with NUL bytes or many
 * undecodable bytes are rejected as "binary or not UTF-8 text", blank ones as "empty file".
 * Stateless and thread-safe.
 */
public final class TextLoader implements DocumentLoader {
  @Override
  public Set<String> extensions() {
    return Set.of("txt");
  }

  @Override
  public LoadedDocument load(Path file) {
    String text = Utf8Text.read(file);
    return new LoadedDocument(Titles.firstLine(text), text, List.of());
  }
}
