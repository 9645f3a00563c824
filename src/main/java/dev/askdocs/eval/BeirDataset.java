package dev.askdocs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A dataset in BEIR's format: {@code corpus.jsonl[.gz]} ({@code _id}, {@code title}, {@code text}),
 * {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels/<split>.tsv} (query id, corpus
 * id, graded score, after a header line).
 */
record BeirDataset(
    List<Doc> corpus, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {

  record Doc(String id, String title, String text) {}

  static boolean looksLike(Path dir) {
    return Files.exists(dir.resolve("queries.jsonl")) && Files.isDirectory(dir.resolve("qrels"));
  }

  static BeirDataset load(Path dir, String split) throws IOException {
    Path qrelsFile = dir.resolve("qrels").resolve(split + ".tsv");
    if (!Files.exists(qrelsFile)) {
      throw new BadInputException(
          "bad_value", "split", "no qrels for split '" + split + "' in " + dir);
    }
    ObjectMapper json = new ObjectMapper();
    List<Doc> corpus = new ArrayList<>();
    Path corpusFile =
        Files.exists(dir.resolve("corpus.jsonl.gz"))
            ? dir.resolve("corpus.jsonl.gz")
            : dir.resolve("corpus.jsonl");
    try (BufferedReader r = reader(corpusFile)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          JsonNode n = json.readTree(line);
          corpus.add(
              new Doc(
                  n.get("_id").asText(), n.path("title").asText(""), n.path("text").asText("")));
        }
      }
    }
    Map<String, String> queries = new LinkedHashMap<>();
    try (BufferedReader r = reader(dir.resolve("queries.jsonl"))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          JsonNode n = json.readTree(line);
          queries.put(n.get("_id").asText(), n.get("text").asText());
        }
      }
    }
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(qrelsFile, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] p = line.split("\t");
      if (p.length >= 3) {
        qrels
            .computeIfAbsent(p[0], q -> new LinkedHashMap<>())
            .put(p[1], Integer.parseInt(p[2].trim()));
      }
    }
    return new BeirDataset(corpus, queries, qrels);
  }

  private static BufferedReader reader(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
