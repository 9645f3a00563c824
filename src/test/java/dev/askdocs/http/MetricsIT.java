package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.App;
import dev.askdocs.PrometheusText;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import dev.askdocs.config.MetricsSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} of the real app, scraped over HTTP and parsed as Prometheus would. */
class MetricsIT {
  static final String KEY = "metrics-key-0123456789abcdef";

  @TempDir static Path tmp;
  static App app;
  static HttpJson http;

  @BeforeAll
  static void start() {
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, TestCorpus.withSeed(tmp.resolve("corpus")))
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .set(MetricsSettings.MANAGEMENT_PORT, 0)
            .set(MetricsSettings.KEY, KEY)
            .build();
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(2));
    http = new HttpJson(app.port());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  HttpJson.Reply scrape(String key) throws Exception {
    HttpJson management = new HttpJson(app.managementPort(), key);
    return management.get("/metrics");
  }

  @Test
  void counts_requests_answers_and_the_jvm() throws Exception {
    PrometheusText before = PrometheusText.parse(scrape(KEY).body());
    Map<String, String> askOk = Map.of("route", "/api/v1/ask", "status", "200", "method", "POST");
    double asked = before.sum("askdocs_http_server_requests_seconds_count", askOk);

    assertThat(http.ask("Who is the Pakistani special representative for Afghanistan?").status())
        .isEqualTo(200);
    assertThat(http.ask("What is the boiling point of mercury on Mars?").status()).isEqualTo(200);

    HttpJson.Reply r = scrape(KEY);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/plain");
    PrometheusText after = PrometheusText.parse(r.body());
    assertThat(after.sum("askdocs_http_server_requests_seconds_count", askOk)).isEqualTo(asked + 2);
    // The latency histogram has buckets per route template.
    assertThat(
            after.sum(
                "askdocs_http_server_requests_seconds_bucket",
                Map.of("route", "/api/v1/ask", "le", "+Inf")))
        .isGreaterThanOrEqualTo(2);
    assertThat(after.sum("askdocs_answers_total", Map.of("kind", "extractive"))).isPositive();
    assertThat(after.sum("askdocs_answers_total", Map.of("kind", "abstained"))).isPositive();
    assertThat(after.names()).contains("askdocs_answer_fallbacks_total");
    assertThat(after.sum("askdocs_answer_stage_seconds_count", Map.of("stage", "total")))
        .isGreaterThanOrEqualTo(2);
    assertThat(after.sum("askdocs_index_documents", Map.of())).isEqualTo(1);
    assertThat(after.sum("askdocs_ingest_documents_total", Map.of("outcome", "added")))
        .isEqualTo(1);
    assertThat(after.names())
        .contains(
            "askdocs_overload_refused_total",
            "askdocs_rate_limited_total",
            "jvm_memory_used_bytes",
            "jvm_threads_live_threads",
            "process_uptime_seconds",
            "system_cpu_count");
    // The request threads: at least the one that served this scrape is busy, within the most.
    assertThat(after.sum("jetty_threads_busy", Map.of())).isGreaterThanOrEqualTo(1);
    assertThat(after.sum("jetty_threads_config_max", Map.of()))
        .isGreaterThanOrEqualTo(after.sum("jetty_threads_current", Map.of()));
    assertThat(after.names()).contains("jetty_threads_jobs");
  }

  @Test
  void refuses_metrics_without_the_key_and_keeps_them_off_the_main_port() throws Exception {
    assertThat(scrape(null).status()).isEqualTo(401);
    assertThat(scrape("wrong-key-0123456789abcdef").status()).isEqualTo(403);
    assertThat(http.get("/metrics").status()).isEqualTo(404);
    HttpRequest plain =
        HttpRequest.newBuilder(URI.create(http.base() + "/metrics"))
            .header("Authorization", "Bearer " + KEY)
            .build();
    assertThat(http.send(plain).status()).isEqualTo(404);
  }
}
