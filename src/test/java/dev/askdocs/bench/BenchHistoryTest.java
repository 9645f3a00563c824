package dev.askdocs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchHistoryTest {
  @TempDir Path dir;

  private static Results run(double p50, double p99, double chunksPerSec, double startupMs) {
    Results r = new Results();
    r.label("bench.mode", "full");
    r.label("machine.java", "17.0.15");
    r.put("machine.cores", 2);
    r.put("machine.loadAverageAtStart", 1.5);
    r.put("ask.10k.c1.p50Ms", p50);
    r.put("ask.10k.c1.p99Ms", p99);
    r.put("ask.c1.p50Ms", p50); // the headline alias: not kept twice
    r.put("ask.10k.c1.serverEmbedP50Ms", 4.0); // not a key figure
    r.put("ingest.pipelineChunksPerSec", chunksPerSec);
    r.put("startup.seedMs", startupMs);
    return r;
  }

  @Test
  void appends_one_line_per_run_with_commit_machine_command_and_key_figures() {
    Path file = dir.resolve("docs/bench-history.jsonl");
    BenchHistory.append(
        file,
        BenchHistory.entry(
            run(12, 30, 35, 2300),
            "abc1234",
            "askdocs bench --json",
            Instant.parse("2026-12-07T16:00:00Z"),
            24_000));
    BenchHistory.append(
        file,
        BenchHistory.entry(
            run(11, 28, 40, 1400), "def5678-dirty", "askdocs bench", Instant.now(), -1));

    List<Map<String, Object>> runs = BenchHistory.read(file);

    assertThat(runs).hasSize(2);
    Map<String, Object> first = runs.get(0);
    assertThat(first)
        .containsEntry("commit", "abc1234")
        .containsEntry("date", "2026-12-07T16:00:00Z")
        .containsEntry("command", "askdocs bench --json");
    assertThat(first.get("machine"))
        .isEqualTo(Map.of("cores", 2, "memoryMb", 24000, "loadAtStart", 1.5, "java", "17.0.15"));
    assertThat(HistoryPlot.figures(first))
        .containsOnlyKeys(
            "ask.10k.c1.p50Ms",
            "ask.10k.c1.p99Ms",
            "ingest.pipelineChunksPerSec",
            "startup.seedMs");
    assertThat(HistoryPlot.value(runs.get(1), "startup.seedMs")).isEqualTo(1400.0);
    assertThat(runs.get(1).get("machine").toString()).doesNotContain("memoryMb");
  }

  @Test
  void plots_latency_ingest_and_start_up_over_the_runs() throws Exception {
    Path file = dir.resolve("history.jsonl");
    BenchHistory.append(file, BenchHistory.entry(run(12, 30, 35, 2300), "a", "", Instant.now(), 1));
    BenchHistory.append(file, BenchHistory.entry(run(20, 45, 30, 1500), "b", "", Instant.now(), 1));
    Path png = dir.resolve("history.png");

    HistoryPlot.write(BenchHistory.read(file), png);

    BufferedImage image = ImageIO.read(Files.newInputStream(png));
    assertThat(image.getWidth()).isEqualTo(HistoryPlot.WIDTH);
    assertThat(image.getHeight()).isEqualTo(3 * HistoryPlot.PANEL_HEIGHT);
    // Each panel draws its first line in the first colour: some pixels in every panel have it.
    int rgb = HistoryPlot.COLOURS[0].getRGB();
    for (int panel = 0; panel < 3; panel++) {
      assertThat(countPixels(image, rgb, panel * HistoryPlot.PANEL_HEIGHT))
          .as("panel %d", panel)
          .isGreaterThan(20);
    }
  }

  @Test
  void lists_a_line_per_tier_sorted_by_size() {
    Map<String, Object> run =
        Map.of("figures", Map.of("ask.100k.c1.p50Ms", 20, "ask.10k.c1.p99Ms", 30));

    HistoryPlot.Panel latency = HistoryPlot.panels(List.of(run)).get(0);

    assertThat(latency.series())
        .extracting(HistoryPlot.Series::legend)
        .containsExactly("10k p50", "10k p99", "100k p50", "100k p99");
  }

  private static int countPixels(BufferedImage image, int rgb, int y0) {
    int n = 0;
    for (int y = y0; y < y0 + HistoryPlot.PANEL_HEIGHT; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (image.getRGB(x, y) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
