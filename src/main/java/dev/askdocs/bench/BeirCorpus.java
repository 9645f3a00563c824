package dev.askdocs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.AskdocsException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A corpus and its queries in the BEIR layout (SciFact): JSON lines with {@code _id}, {@code title}
 * and {@code text}, the corpus optionally gzipped.
 */
record BeirCorpus(List<Document> documents, List<String> queries) {
  record Document(String id, String title, String text) {
    /**
     * As a text file: the title on the first line (askdocs takes it as the title), then the text.
     */
    String asFile() {
      return title + "\n\n" + text + "\n";
    }
  }

  static BeirCorpus read(Path corpus, Path queries) {
    List<Document> docs = new ArrayList<>();
    for (JsonNode n : lines(corpus)) {
      String text = n.path("text").asText("").strip();
      if (!text.isEmpty()) {
        docs.add(new Document(n.path("_id").asText(), n.path("title").asText("").strip(), text));
      }
    }
    List<String> qs = new ArrayList<>();
    for (JsonNode n : lines(queries)) {
      String q = n.path("text").asText("").strip();
      if (!q.isEmpty()) {
        qs.add(q);
      }
    }
    if (docs.isEmpty() || qs.isEmpty()) {
      throw new AskdocsException("no documents in " + corpus + " or no queries in " + queries);
    }
    return new BeirCorpus(List.copyOf(docs), List.copyOf(qs));
  }

  private static List<JsonNode> lines(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AskdocsException(
          "bench data not found: " + file.toAbsolutePath() + " (see --corpus-jsonl)");
    }
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          out.add(json.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  /** Writes the first {@code n} documents into {@code dir} as {@code <id>.txt}, replacing it. */
  Path writeFiles(Path dir, int n) {
    try {
      Files2.deleteRecursively(dir);
      Files.createDirectories(dir);
      for (Document d : documents.subList(0, Math.min(n, documents.size()))) {
        Files.writeString(dir.resolve(d.id() + ".txt"), d.asFile());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
