package dev.askdocs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code askdocs bench --quick} end to end, so that the benchmark cannot rot: it runs, and every
 * figure the docs rely on is there. No timing is asserted; a benchmark is not a test.
 */
class BenchIT {
  @TempDir Path tmp;

  /** Counts that may rightly be zero; every other figure must be positive. */
  private static final Set<String> MAY_BE_ZERO =
      Set.of("rejected", "failed", "answered", "embedSeconds", "heapMb");

  @Test
  void quick_bench_prints_every_figure_as_json() throws Exception {
    String[] args = {
      "bench",
      "--quick",
      "--json",
      "--work-dir",
      tmp.resolve("work").toString(),
      "--corpus-jsonl",
      Path.of("src/test/resources/bench/scifact-corpus-sample.jsonl").toString(),
      "--queries-jsonl",
      Path.of("src/test/resources/bench/scifact-queries-sample.jsonl").toString()
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = Main.run(args, Map.of());
    } finally {
      System.setOut(old);
    }
    assertThat(code).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));

    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .contains(
            "embed.ours.passagesPerSec",
            "embed.stock.passagesPerSec",
            "embed.speedup.sentences",
            "ingest.pipelineChunksPerSec",
            "ingest.modelChunksPerSec",
            "ingest.pipelineToModel",
            "ingest.noSentenceVectors.pipelineChunksPerSec",
            "ingest.sentenceVectorsSlowdown",
            "ask.sentenceVectors",
            "ask.noSentenceVectors.c1.p50Ms",
            "ask.noSentenceVectors.c1.serverAnswerP50Ms",
            "scale.recallAt10",
            "scale.vectorP50Ms",
            "scale.exactP50Ms",
            "scale.indexMb",
            "ask.c1.p50Ms",
            "ask.c1.p99Ms",
            "ask.c1.embedP50Ms",
            "ask.c4.p95Ms",
            "ask.c16.requestsPerSec",
            "ask.c16.embedPerSec",
            "ask.repeat.p50Ms",
            "ask.overload.rejected",
            "ask.server.rssMb",
            "startup.seedMs",
            "startup.seedCdsMs",
            "startup.400Ms",
            "peer.ingest.seconds",
            "peer.ingest.askdocsSeconds",
            "peer.400.queryP50Ms",
            "peer.400.askdocsRetrieveP50Ms");
    json.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isNumber()) {
                String last = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
                if (MAY_BE_ZERO.contains(last)) {
                  assertThat(e.getValue().asDouble()).as(e.getKey()).isGreaterThanOrEqualTo(0);
                } else {
                  assertThat(e.getValue().asDouble()).as(e.getKey()).isPositive();
                }
              }
            });
    assertThat(json.get("scale.recallAt10").asDouble()).isBetween(0.0, 1.0);
    assertThat(json.get("ask.c1.failed").asInt()).isZero();
  }
}
