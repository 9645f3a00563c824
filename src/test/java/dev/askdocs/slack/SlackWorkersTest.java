package dev.askdocs.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class SlackWorkersTest {
  private final ThreadPoolExecutor workers = SlackIntegration.workers();

  @AfterEach
  void stop() {
    workers.shutdownNow();
    MDC.clear();
  }

  @Test
  void an_answer_worker_logs_with_the_request_id_of_the_webhook_that_handed_it_over()
      throws Exception {
    MDC.put("requestId", "slack-req-1");
    CompletableFuture<String> seen = new CompletableFuture<>();
    workers.execute(() -> seen.complete(MDC.get("requestId")));
    assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("slack-req-1");

    // The next task, handed over without a request, does not inherit the last one's id.
    MDC.clear();
    CompletableFuture<String> next = new CompletableFuture<>();
    workers.execute(() -> next.complete(String.valueOf(MDC.get("requestId"))));
    assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo("null");
  }
}
