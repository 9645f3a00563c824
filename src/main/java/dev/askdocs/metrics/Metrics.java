package dev.askdocs.metrics;

import dev.askdocs.answer.AnswerListener;
import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.index.IndexStats;
import dev.askdocs.ingest.IngestTotals;
import dev.askdocs.llm.LlmCalls;
import dev.askdocs.llm.LlmFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * askdocs' meters, in Prometheus' text format through {@link #scrape()}. Micrometer stays inside
 * this package: the stages count in plain Java ({@link LlmCalls}, {@link IngestTotals}, {@link
 * ConcurrencyLimiter#refused()}, {@link AnswerListener}) and are bound here; the HTTP layer reports
 * each request through {@link #request}. Every name starts with {@code askdocs_} but the JVM's own
 * ({@code jvm_}, {@code process_}, {@code system_}). Thread-safe.
 */
public final class Metrics implements AutoCloseable {
  /** Latency buckets of the request and stage histograms. */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30)
  };

  private final PrometheusMeterRegistry registry;

  /**
   * The sources of gauges and function counters: Micrometer holds them weakly, and many are method
   * references that nothing else keeps, which the next GC would take (the meter then reads NaN).
   */
  private final List<Object> sources = new CopyOnWriteArrayList<>();

  private final JvmGcMetrics gc;
  private final Counter rateLimited;

  public Metrics() {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    this.gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    this.rateLimited =
        Counter.builder("askdocs.rate.limited")
            .description("API requests refused with 429 over the rate limit")
            .register(registry);
  }

  /** Everything registered, in Prometheus' text exposition format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * One HTTP request: {@code route} is the matched path template ({@code /api/v1/documents/{id}}),
   * never the raw path, so that the series stay bounded.
   */
  public void request(String method, String route, int status, long nanos) {
    Timer.builder("askdocs.http.server.requests")
        .description("HTTP requests by method, route template and status")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One request refused over the rate limit. */
  public void rateLimited() {
    rateLimited.increment();
  }

  /** Counts answers by kind, fallbacks by reason, and times each stage of answering. */
  public AnswerListener answers() {
    for (String kind : new String[] {"extractive", "llm", "abstained"}) {
      answersCounter(kind);
    }
    for (LlmFailure f : LlmFailure.values()) {
      fallbackCounter(f.id());
    }
    AnswerListener.FALLBACK_REASONS.forEach(this::fallbackCounter);
    for (String stage : new String[] {"embed", "retrieve", "answer", "total"}) {
      stageTimer(stage);
    }
    return new AnswerListener() {
      @Override
      public void answered(dev.askdocs.answer.QuestionAnswerer.Result result) {
        answersCounter(AnswerListener.kind(result.answer())).increment();
        stage("embed", result.timings().embed());
        stage("retrieve", result.timings().retrieve());
        stage("answer", result.timings().answer());
        stage("total", result.timings().total());
      }

      @Override
      public void fellBack(String reason) {
        fallbackCounter(reason).increment();
      }
    };
  }

  private Counter answersCounter(String kind) {
    return Counter.builder("askdocs.answers")
        .description("Answers by kind: extractive, llm (written by the model) or abstained")
        .tag("kind", kind)
        .register(registry);
  }

  private Counter fallbackCounter(String reason) {
    return Counter.builder("askdocs.answer.fallbacks")
        .description("Written answers replaced by the extractive one, by reason")
        .tag("reason", reason)
        .register(registry);
  }

  private void stage(String stage, double millis) {
    stageTimer(stage).record(Math.round(millis * 1000), TimeUnit.MICROSECONDS);
  }

  private Timer stageTimer(String stage) {
    return Timer.builder("askdocs.answer.stage")
        .description("Time spent per stage of answering a question")
        .tag("stage", stage)
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  /** Answers refused because too many were running or waiting (503 overloaded). */
  public void bindLimiter(ConcurrencyLimiter limiter) {
    count(
        "askdocs.overload.refused",
        "Answers refused with 503 because too many ran or waited",
        limiter,
        ConcurrencyLimiter::refused);
    Gauge.builder("askdocs.answers.waiting", keep(limiter), ConcurrencyLimiter::waiting)
        .description("Answers waiting for a slot now")
        .register(registry);
  }

  /** Requests to the language model: attempts, retries, failed attempts by reason. */
  public void bindLlm(LlmCalls calls) {
    count("askdocs.llm.calls", "Requests sent to the language model", calls, LlmCalls::attempts);
    count("askdocs.llm.retries", "Retries after a retriable failure", calls, LlmCalls::retries);
    for (LlmFailure f : LlmFailure.values()) {
      FunctionCounter.builder("askdocs.llm.errors", keep(calls), c -> c.failures(f))
          .description("Failed requests to the language model, by reason")
          .tag("reason", f.id())
          .register(registry);
    }
  }

  /** What this process's ingest runs did, added up. */
  public void bindIngest(IngestTotals totals) {
    count("askdocs.ingest.runs", "Finished ingest runs", totals, IngestTotals::runs);
    count("askdocs.ingest.chunks", "Chunks embedded by ingest runs", totals, IngestTotals::chunks);
    for (String outcome : IngestTotals.OUTCOMES) {
      FunctionCounter.builder("askdocs.ingest.documents", keep(totals), t -> t.documents(outcome))
          .description("Documents seen by ingest runs, by outcome")
          .tag("outcome", outcome)
          .register(registry);
    }
    for (String reason : IngestTotals.SKIP_REASONS) {
      FunctionCounter.builder("askdocs.ingest.skipped", keep(totals), t -> t.skipped(reason))
          .description("Files left out of the index, by reason")
          .tag("reason", reason)
          .register(registry);
    }
  }

  /** The index's size, read at each scrape; NaN while the index cannot say (Solr down). */
  public void bindIndex(Supplier<IndexStats> stats) {
    Gauge.builder("askdocs.index.documents", keep(stats), s -> size(s, true))
        .description("Documents in the index")
        .register(registry);
    Gauge.builder("askdocs.index.chunks", keep(stats), s -> size(s, false))
        .description("Chunks in the index")
        .register(registry);
  }

  private static double size(Supplier<IndexStats> stats, boolean documents) {
    try {
      IndexStats s = stats.get();
      return documents ? s.documents() : s.chunks();
    } catch (RuntimeException e) {
      // A scrape must not fail because the index cannot be read now; Prometheus shows a gap.
      return Double.NaN;
    }
  }

  /**
   * The web server's request threads, under Micrometer's Jetty names ({@code jetty_threads_*}), so
   * that its stock dashboards read them: threads now, busy, the configured most, and jobs queued
   * for a thread. Read at each scrape.
   */
  public void bindServerThreads(
      IntSupplier current, IntSupplier busy, IntSupplier max, IntSupplier queued) {
    gauge("jetty.threads.current", "The total number of threads in the pool", current);
    gauge("jetty.threads.busy", "The number of busy threads in the pool", busy);
    gauge("jetty.threads.config.max", "The maximum number of threads in the pool", max);
    gauge("jetty.threads.jobs", "Jobs queued waiting for a thread", queued);
  }

  private void gauge(String name, String description, IntSupplier value) {
    Gauge.builder(name, keep(value), v -> v.getAsInt()).description(description).register(registry);
  }

  /** Slack events delivered (duplicates included) and deliveries already handled. */
  public void bindSlackEvents(LongSupplier events, LongSupplier duplicates) {
    count(
        "askdocs.slack.events",
        "Slack events delivered, duplicates included",
        events,
        LongSupplier::getAsLong);
    count(
        "askdocs.slack.duplicate.events",
        "Slack event deliveries already handled (retries, a mention seen as a message too)",
        duplicates,
        LongSupplier::getAsLong);
  }

  private <T> void count(String name, String description, T source, ToLongFunction<T> value) {
    FunctionCounter.builder(name, keep(source), s -> value.applyAsLong(s))
        .description(description)
        .register(registry);
  }

  private <T> T keep(T source) {
    sources.add(source);
    return source;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
