package dev.askdocs.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A dataset's documents written as text files (title on the first line, as askdocs' text loader
 * reads it), so that evaluation ingests them through the production path: loader, chunker,
 * embedder, index. Remembers which file is which dataset id.
 */
final class EvalCorpus {
  private final Path dir;
  private final Map<String, String> idBySource = new HashMap<>();

  /**
   * Starts an empty corpus in {@code dir}. Files left there by an earlier run are removed: a reused
   * work folder must hold exactly this run's documents (rewriting an unchanged document keeps its
   * content hash, so its embeddings are reused).
   */
  EvalCorpus(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  Path dir() {
    return dir;
  }

  void add(String id, String title, String text) throws IOException {
    String source = id.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt";
    String body = title == null || title.isBlank() ? text : title.strip() + "\n\n" + text;
    Files.writeString(dir.resolve(source), body, StandardCharsets.UTF_8);
    idBySource.put(source, id);
  }

  /** The dataset id of an indexed source path. */
  String idOf(String source) {
    return idBySource.get(source);
  }

  int size() {
    return idBySource.size();
  }
}
