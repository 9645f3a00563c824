package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.ingest.IngestReport;
import dev.askdocs.llm.LlmStatus;
import dev.askdocs.load.OcrStatus;
import io.javalin.Javalin;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** While the index is being built, the routes that read or change it answer 503, the rest not. */
class ReadinessTest {
  /** An index still being built. */
  private static final class Starting implements ServiceState {
    @Override
    public boolean ready() {
      return false;
    }

    @Override
    public Optional<String> failure() {
      return Optional.empty();
    }

    @Override
    public Optional<IngestReport> lastIngest() {
      return Optional.empty();
    }

    @Override
    public LlmStatus llm() {
      return LlmStatus.off();
    }

    @Override
    public OcrStatus ocr() {
      return OcrStatus.of(Optional.empty());
    }
  }

  @Test
  void routes_that_need_the_index_answer_503_until_it_is_ready() throws Exception {
    Javalin app = OpenApiTest.server(new Starting()).start();
    try {
      HttpJson http = new HttpJson(app.port());
      for (HttpJson.Reply r :
          new HttpJson.Reply[] {
            http.ask("Who?"),
            http.post("/api/v1/chat", "{\"question\":\"Who?\"}"),
            http.get("/api/v1/search?q=who"),
            http.get("/api/v1/documents"),
            http.get("/api/v1/documents/0123456789abcdef"),
            http.post("/api/v1/documents", "{\"text\":\"hello\"}"),
            http.delete("/api/v1/documents/0123456789abcdef"),
            http.post("/v1/chat/completions", "{\"messages\":[]}")
          }) {
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.json().get("error").get("code").asText()).isIn("not_ready", "unavailable");
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
      }
      assertThat(http.get("/api/v1/collections").status()).isEqualTo(200);
      assertThat(http.get("/health").status()).isEqualTo(503);
    } finally {
      app.stop();
    }
  }
}
