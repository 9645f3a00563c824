package dev.askdocs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * WikiTableQuestions prepared as look-ups ({@code ../shared/eval-data/wikitablequestions/}, see its
 * SOURCE.md): {@code questions-<split>.jsonl} (id, question, table, answer, 0-based data row,
 * column) and the tables as CSV files under {@code tables/}.
 */
record TableDataset(Path tables, List<Question> questions) {

  /**
   * One question; {@code row} is the answer's 0-based row among the data rows (header excluded).
   */
  record Question(String id, String question, String table, String answer, int row) {}

  static boolean looksLike(Path dir) {
    return Files.isDirectory(dir.resolve("tables"))
        && (Files.exists(dir.resolve("questions-dev.jsonl"))
            || Files.exists(dir.resolve("questions-test.jsonl")));
  }

  static TableDataset load(Path dir, String split) throws IOException {
    Path file = dir.resolve("questions-" + split + ".jsonl");
    if (!looksLike(dir) || !Files.exists(file)) {
      throw new BadInputException(
          "bad_value",
          "split",
          "no questions-" + split + ".jsonl and tables/ in " + dir + " (splits: dev, test)");
    }
    ObjectMapper json = new ObjectMapper();
    List<Question> questions = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(line);
      questions.add(
          new Question(
              n.path("id").asText(),
              n.path("question").asText(),
              n.path("table").asText(),
              n.path("answer").asText(),
              n.path("row").asInt()));
    }
    return new TableDataset(dir.resolve("tables"), questions);
  }
}
