package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up on an index built earlier: it answers at once, while changes are ingested. */
class StartupIT {
  @TempDir Path tmp;

  @Test
  void answers_from_an_existing_index_while_the_corpus_is_checked_for_changes() throws Exception {
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, TestCorpus.withSeed(tmp.resolve("corpus")))
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .build();
    try (App first = App.start(config)) {
      first.awaitReady(Duration.ofMinutes(2));
    }
    // Enough new files that the second start-up ingest takes seconds of embedding.
    for (int i = 0; i < 200; i++) {
      Files.writeString(
          tmp.resolve("corpus").resolve("note-" + i + ".txt"),
          "Note "
              + i
              + ". The warehouse in district "
              + i
              + " stores grain and rice. "
              + "It opened in year "
              + (1900 + i)
              + " and employs "
              + (10 + i)
              + " people from the nearby villages.");
    }
    try (App second = App.start(config)) {
      HttpJson http = new HttpJson(second.port());
      var health = http.get("/health");
      assertThat(health.status()).isEqualTo(200);
      var answer = http.ask("Who is the Pakistani special representative for Afghanistan?");
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.json().get("answer").asText()).contains("Asif Durrani");
      second.awaitReady(Duration.ofMinutes(2));
      assertThat(http.get("/health").json().get("index").get("documents").asInt()).isEqualTo(201);
    }
  }
}
