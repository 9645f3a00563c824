package dev.askdocs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** SQuAD v1.1: articles of paragraphs, each with questions and gold answer strings. */
record SquadDataset(List<Article> articles) {
  record Article(int index, String title, List<Paragraph> paragraphs) {}

  record Paragraph(String id, String context, List<Qa> questions) {}

  record Qa(String id, String question, List<String> answers) {}

  static Path fileIn(Path dirOrFile) {
    return Files.isDirectory(dirOrFile) ? dirOrFile.resolve("dev-v1.1.json") : dirOrFile;
  }

  static boolean looksLike(Path dirOrFile) {
    return Files.isRegularFile(fileIn(dirOrFile)) && fileIn(dirOrFile).toString().endsWith(".json");
  }

  static SquadDataset load(Path dirOrFile) throws IOException {
    JsonNode root = new ObjectMapper().readTree(fileIn(dirOrFile).toFile());
    List<Article> articles = new ArrayList<>();
    int a = 0;
    for (JsonNode art : root.get("data")) {
      List<Paragraph> paragraphs = new ArrayList<>();
      int p = 0;
      for (JsonNode para : art.get("paragraphs")) {
        List<Qa> qas = new ArrayList<>();
        for (JsonNode qa : para.get("qas")) {
          List<String> answers = new ArrayList<>();
          qa.get("answers").forEach(ans -> answers.add(ans.get("text").asText()));
          qas.add(new Qa(qa.get("id").asText(), qa.get("question").asText(), answers));
        }
        paragraphs.add(new Paragraph(a + "-" + p, para.get("context").asText(), qas));
        p++;
      }
      articles.add(new Article(a, art.get("title").asText().replace('_', ' '), paragraphs));
      a++;
    }
    return new SquadDataset(articles);
  }
}
