package dev.askdocs.load;

import java.nio.file.Path;
import java.util.Set;

/**
 * Reads one file format into plain text. Implementations are stateless and thread-safe.
 *
 * <p>Contract: {@link #load} returns a document with a non-blank title and non-blank text, or
 * throws {@link DocumentLoadException} saying why the file cannot be used (corrupt, binary, empty,
 * encrypted...). It never returns null and never throws anything else for bad file content.
 */
public interface DocumentLoader {
  /** File extensions this loader reads, lower case, without the dot. */
  Set<String> extensions();

  /** Loads {@code file}. */
  LoadedDocument load(Path file);
}
