package dev.askdocs.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackLogTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;

  private static Feedback feedback(String id, Feedback.Rating rating) {
    return new Feedback(
        id,
        Instant.parse("2026-01-02T03:04:05Z"),
        rating,
        "conv-1",
        "How many fighters?",
        "Between 8,000 and 12,000 [1].",
        false,
        List.of(new Feedback.Source(1, "abc", "Taliban", "taliban.txt", "8,000 fighters", 2)),
        null);
  }

  @Test
  void keeps_one_json_line_per_record_and_appends_after_reopening() throws Exception {
    Path file = tmp.resolve("feedback.jsonl");
    try (FeedbackLog log = FeedbackLog.open(file)) {
      log.append(feedback("a", Feedback.Rating.up));
    }
    try (FeedbackLog log = FeedbackLog.open(file)) {
      log.append(feedback("b", Feedback.Rating.down));
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    JsonNode first = MAPPER.readTree(lines.get(0));
    assertThat(first.get("id").asText()).isEqualTo("a");
    assertThat(first.get("rating").asText()).isEqualTo("up");
    assertThat(first.get("at").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(first.get("citations").get(0).get("quote").asText()).isEqualTo("8,000 fighters");
    assertThat(first.get("citations").get(0).get("page").asInt()).isEqualTo(2);
    assertThat(MAPPER.readTree(lines.get(1)).get("rating").asText()).isEqualTo("down");
  }

  @Test
  void lives_beside_the_index_folder_not_inside_it() {
    Path indexDir = tmp.resolve("data").resolve("index");
    try (FeedbackLog log = FeedbackLog.besideIndex(indexDir)) {
      assertThat(log.file()).isEqualTo(tmp.resolve("data").resolve("feedback.jsonl"));
      assertThat(log.file()).exists();
    }
  }

  @Test
  void concurrent_appends_never_interleave_lines() throws Exception {
    Path file = tmp.resolve("feedback.jsonl");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (FeedbackLog log = FeedbackLog.open(file)) {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String id = "id-" + i;
        done.add(pool.submit(() -> log.append(feedback(id, Feedback.Rating.up))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(40);
    for (String line : lines) {
      assertThat(MAPPER.readTree(line).get("question").asText()).isEqualTo("How many fighters?");
    }
  }
}
