package dev.askdocs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.PrometheusText;
import dev.askdocs.answer.Answer;
import dev.askdocs.answer.AnswerListener;
import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.index.IndexStats;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.ingest.IngestTotals;
import dev.askdocs.llm.LlmCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsTest {
  Metrics metrics;

  @BeforeEach
  void bindEverything() {
    metrics = new Metrics();
    metrics.bindLimiter(new ConcurrencyLimiter(1, 1, Duration.ofMillis(1)));
    metrics.bindLlm(new LlmCalls());
    metrics.bindIngest(new IngestTotals());
    metrics.bindIndex(() -> new IndexStats(3, 30, "m", 384));
    metrics.bindSlackEvents(() -> 2, () -> 1);
    metrics.request("POST", "/api/v1/ask", 200, 1_000_000);
    metrics.answers();
  }

  @AfterEach
  void close() {
    metrics.close();
  }

  PrometheusText scraped() {
    return PrometheusText.parse(metrics.scrape());
  }

  @Test
  void counts_answers_by_kind_and_fallbacks_by_reason() {
    AnswerListener answers = metrics.answers();
    answers.answered(result(new Answer("x [1]", false, List.of(), List.of(), 0.9)));
    answers.answered(result(new Answer("none", true, List.of(), List.of(), 0.1)));
    answers.fellBack("timeout");
    PrometheusText p = scraped();
    assertThat(p.sum("askdocs_answers_total", Map.of("kind", "extractive"))).isEqualTo(1);
    assertThat(p.sum("askdocs_answers_total", Map.of("kind", "abstained"))).isEqualTo(1);
    assertThat(p.sum("askdocs_answers_total", Map.of("kind", "llm"))).isZero();
    assertThat(p.sum("askdocs_answer_fallbacks_total", Map.of("reason", "timeout"))).isEqualTo(1);
    assertThat(p.sum("askdocs_answer_stage_seconds_count", Map.of("stage", "total"))).isEqualTo(2);
  }

  @Test
  void gauges_and_function_counters_outlive_a_garbage_collection() {
    System.gc();
    PrometheusText p = scraped();
    assertThat(p.sum("askdocs_index_documents", Map.of())).isEqualTo(3);
    assertThat(p.sum("askdocs_index_chunks", Map.of())).isEqualTo(30);
    assertThat(p.sum("askdocs_slack_duplicate_events_total", Map.of())).isEqualTo(1);
  }

  @Test
  void adds_up_ingest_runs_with_bounded_skip_reasons() {
    IngestTotals totals = new IngestTotals();
    Metrics m = new Metrics();
    try {
      m.bindIngest(totals);
      totals.add(
          new IngestReport(
              4,
              2,
              1,
              0,
              0,
              12,
              List.of(
                  new IngestReport.SkippedFile("a.xyz", "unsupported file type: .xyz"),
                  new IngestReport.SkippedFile("b.pdf", "some parser said something odd")),
              10));
      PrometheusText p = PrometheusText.parse(m.scrape());
      assertThat(p.sum("askdocs_ingest_documents_total", Map.of("outcome", "added"))).isEqualTo(2);
      assertThat(p.sum("askdocs_ingest_chunks_total", Map.of())).isEqualTo(12);
      assertThat(p.sum("askdocs_ingest_skipped_total", Map.of("reason", "unsupported")))
          .isEqualTo(1);
      assertThat(p.sum("askdocs_ingest_skipped_total", Map.of("reason", "failed"))).isEqualTo(1);
      assertThat(p.samples().stream().filter(s -> s.name().equals("askdocs_ingest_skipped_total")))
          .hasSize(IngestTotals.SKIP_REASONS.size());
    } finally {
      m.close();
    }
  }

  @Test
  void the_dashboard_uses_only_metrics_the_app_registers() throws Exception {
    JsonNode dashboard =
        new ObjectMapper().readTree(Path.of("docs/grafana-dashboard.json").toFile());
    assertThat(dashboard.get("title").asText()).isEqualTo("askdocs");
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
      panel.get("targets").forEach(t -> exprs.add(t.get("expr").asText()));
    }
    dashboard.get("templating").get("list").forEach(v -> exprs.add(v.path("query").asText()));
    Set<String> registered = scraped().names();
    Pattern metric = Pattern.compile("\\b(askdocs|jvm|process|system)_[a-z0-9_]+");
    List<String> used = new ArrayList<>();
    for (String expr : exprs) {
      Matcher m = metric.matcher(expr);
      while (m.find()) {
        used.add(m.group());
      }
    }
    assertThat(used).hasSizeGreaterThan(15);
    assertThat(registered).containsAll(used);
  }

  static QuestionAnswerer.Result result(Answer answer) {
    return new QuestionAnswerer.Result(
        answer, null, new QuestionAnswerer.Timings(1.0, 2.0, 3.0, 6.0));
  }
}
