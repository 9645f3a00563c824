package dev.askdocs.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.App;
import dev.askdocs.Prerequisites;
import dev.askdocs.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reduced evaluation that runs in CI: SciFact test queries over a few hundred documents,
 * through the production ingest path. Fails if hybrid retrieval falls below BM25 or dense.
 */
class EvalIT {
  static final Path SCIFACT = Path.of("..", "shared", "eval-data", "beir-scifact");

  @TempDir Path tmp;

  @Test
  @SuppressWarnings("unchecked")
  void hybrid_beats_its_parts_on_a_reduced_scifact() throws Exception {
    Prerequisites.require(
        Files.isDirectory(SCIFACT), "SciFact not found at " + SCIFACT.toAbsolutePath());
    EvalOptions options =
        new EvalOptions(
            Config.defaults(),
            "test",
            100,
            300,
            42,
            List.of("bm25", "dense", "hybrid"),
            0,
            tmp,
            false);
    Map<String, Object> report = Evaluation.run(SCIFACT, "auto", options, c -> App.open(c, false));
    Map<String, Map<String, Object>> modes = (Map<String, Map<String, Object>>) report.get("modes");
    double bm25 = (double) modes.get("bm25").get("ndcg@10");
    double dense = (double) modes.get("dense").get("ndcg@10");
    double hybrid = (double) modes.get("hybrid").get("ndcg@10");
    System.out.println(Evaluation.table(report));
    assertThat(report.get("queries")).isEqualTo(100);
    assertThat(hybrid).isGreaterThanOrEqualTo(bm25).isGreaterThanOrEqualTo(dense);
    assertThat(bm25).isBetween(0.3, 1.0);
  }
}
