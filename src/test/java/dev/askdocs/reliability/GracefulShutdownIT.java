package dev.askdocs.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.FakeOpenAi;
import dev.askdocs.TestCorpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while questions are being answered: the answers in flight are delivered, the index is
 * committed and closed, and a restart finds every document without re-embedding any.
 */
class GracefulShutdownIT {
  private static final Duration START = Duration.ofMinutes(3);

  /**
   * As many questions as the server answers at once (two per core): all of them reach the model
   * before the SIGTERM, so each is inside the server, not still on its way to it.
   */
  private static final int IN_FLIGHT = 2 * Runtime.getRuntime().availableProcessors();

  @TempDir Path tmp;

  @Test
  void finishes_requests_in_flight_and_commits_the_index_on_sigterm() throws Exception {
    Path corpus = TestCorpus.withSeed(tmp.resolve("corpus"));
    Path index = tmp.resolve("index");
    Path log = tmp.resolve("server.log");
    // A slow language model keeps every question in flight for two seconds.
    try (FakeOpenAi llm = FakeOpenAi.start()) {
      llm.respond(r -> FakeOpenAi.Reply.text("NOT_IN_DOCUMENTS").after(Duration.ofSeconds(2)));
      Map<String, String> env = Map.of("ASKDOCS_LLM_BASE_URL", llm.baseUrl());
      JsonNode before;
      ChildServer server = ChildServer.start(corpus, index, env, log);
      try {
        Loopback http = new Loopback(server.port(START));
        before = http.awaitReady(START);
        ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT);
        List<CompletableFuture<Loopback.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
          String q = "Who is the special representative for Afghanistan? (" + i + ")";
          replies.add(CompletableFuture.supplyAsync(() -> ask(http, q), clients));
        }
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    llm.requests().stream()
                            .filter(r -> r.body().toString().contains("special representative"))
                            .count()
                        >= IN_FLIGHT);

        int exit = server.terminate(Duration.ofSeconds(60));

        assertThat(exit).as(server.log()).isNotEqualTo(-1);
        for (CompletableFuture<Loopback.Reply> r : replies) {
          Loopback.Reply reply = r.get(60, TimeUnit.SECONDS);
          assertThat(reply.status()).as(reply.body()).isEqualTo(200);
          assertThat(reply.json().path("answer").asText()).isNotBlank();
        }
        clients.shutdownNow();
        assertThat(server.log()).doesNotContain("ERROR");
      } finally {
        server.close();
      }

      try (ChildServer again = ChildServer.start(corpus, index, env, log)) {
        JsonNode after = new Loopback(again.port(START)).awaitReady(START);
        assertThat(after.path("index")).isEqualTo(before.path("index"));
        JsonNode ingest = after.path("lastIngest");
        assertThat(ingest.path("unchanged").asInt()).isEqualTo(1);
        assertThat(ingest.path("added").asInt()).isZero();
        assertThat(ingest.path("chunksEmbedded").asInt()).isZero();
      }
    }
  }

  private static Loopback.Reply ask(Loopback http, String question) {
    try {
      return http.ask(question);
    } catch (Exception e) {
      throw new IllegalStateException("the question failed in flight: " + e, e);
    }
  }
}
