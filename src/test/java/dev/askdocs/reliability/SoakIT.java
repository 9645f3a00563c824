package dev.askdocs.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.TestCorpus;
import dev.askdocs.bench.LoadRoute;
import dev.askdocs.bench.Results;
import dev.askdocs.bench.Soak;
import dev.askdocs.config.EmbeddingModelName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded form of {@code askdocs load}: 30 seconds (system property {@code
 * askdocs.soak.seconds}) of {@code /api/v1/ask} at saturation on a launched server, then a burst of
 * more clients than it admits. No request fails; the soak is answered, not refused; the burst's
 * excess is refused with 503 rather than queued; heap and threads end where they began. Latencies
 * are printed, never asserted.
 */
class SoakIT {
  private static final int SECONDS = Integer.getInteger("askdocs.soak.seconds", 30);

  @TempDir Path tmp;

  @Test
  void holds_saturation_without_errors_or_growth_and_refuses_overload() {
    int cores = Runtime.getRuntime().availableProcessors();
    List<String> questions =
        TestCorpus.lines("/questions/seed-answerable.tsv").stream()
            .map(l -> l.split("\t")[0])
            .toList();
    Results r =
        Soak.run(
            new Soak.Options(
                TestCorpus.withSeed(tmp.resolve("corpus")),
                tmp.resolve("index"),
                EmbeddingModelName.ALL_MINILM_L6_V2.id(),
                Duration.ofSeconds(SECONDS),
                2 * cores + 2, // every running slot busy, a few waiting
                // More than run and wait at once (18 per core): the rest must be refused.
                100 * cores,
                questions,
                List.of("-Xmx768m"),
                tmp.resolve("server.log"),
                List.of(LoadRoute.ASK)));
    Map<String, Object> m = r.asMap();
    System.out.println("soak: " + r.toJson());

    assertThat(number(m, "soak.answered")).isPositive();
    assertThat(number(m, "soak.failed")).isZero();
    assertThat(number(m, "soak.rejected")).isZero();
    assertThat(number(m, "burst.failed")).isZero();
    assertThat(number(m, "burst.rejected")).isPositive();
    if (m.containsKey("server.heapBeforeMb")) {
      assertThat(number(m, "server.heapAfterMb") - number(m, "server.heapBeforeMb"))
          .as("heap growth, MB")
          .isLessThan(64);
    }
    if (m.containsKey("server.threadsBefore")) {
      assertThat(number(m, "server.threadsAfter") - number(m, "server.threadsBefore"))
          .as("thread growth")
          .isLessThanOrEqualTo(16);
    }
  }

  private static double number(Map<String, Object> m, String key) {
    assertThat(m).containsKey(key);
    return ((Number) m.get(key)).doubleValue();
  }
}
