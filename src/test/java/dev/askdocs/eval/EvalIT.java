package dev.askdocs.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.askdocs.App;
import dev.askdocs.Prerequisites;
import dev.askdocs.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reduced evaluation that runs in CI: SciFact test queries over a few hundred documents,
 * through the production ingest path. Fails if hybrid retrieval falls below BM25 or dense, or if
 * the tuned extractive scorer answers a few SQuAD articles worse than the untuned one did.
 */
class EvalIT {
  static final Path SCIFACT = Path.of("..", "shared", "eval-data", "beir-scifact");
  static final Path SQUAD = Path.of("..", "shared", "eval-data", "squad-v1.1-dev", "dev-v1.1.json");

  /** Four short articles: about 180 paragraphs, one of them held out. */
  static final Set<String> SQUAD_ARTICLES =
      Set.of("Warsaw", "Normans", "Computational_complexity_theory", "Southern_California");

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

  @Test
  @SuppressWarnings("unchecked")
  void the_tuned_scorer_answers_no_worse_than_the_untuned_one() throws Exception {
    Prerequisites.require(Files.exists(SQUAD), "SQuAD not found at " + SQUAD.toAbsolutePath());
    ObjectMapper json = new ObjectMapper();
    ObjectNode all = (ObjectNode) json.readTree(SQUAD.toFile());
    ArrayNode kept = json.createArrayNode();
    all.get("data")
        .forEach(
            a -> {
              if (SQUAD_ARTICLES.contains(a.get("title").asText())) {
                kept.add(a);
              }
            });
    all.set("data", kept);
    Path subset = tmp.resolve("squad-subset.json");
    json.writeValue(subset.toFile(), all);
    EvalOptions options =
        new EvalOptions(
            Config.defaults(), "all", 100, 0, 42, List.of("hybrid"), 0.25, tmp.resolve("w"), true);
    Map<String, Object> report = Evaluation.run(subset, "squad", options, c -> App.open(c, false));
    List<Map<String, Object>> search = (List<Map<String, Object>>) report.get("scorerSearch");
    // The search ends with the answerer's setting and the untuned one (0.55/0.30/0.15, no
    // extension), each replayed at the lowest threshold that abstains on 85 % of the held-out
    // questions, so neither wins by abstaining less.
    Map<String, Object> tuned = search.get(search.size() - 2);
    Map<String, Object> untuned = search.get(search.size() - 1);
    System.out.println("tuned " + tuned + "\nuntuned " + untuned);
    assertThat(untuned.get("extendAt")).isEqualTo("never");
    assertThat((double) tuned.get("objective"))
        .isGreaterThanOrEqualTo((double) untuned.get("objective"));
  }
}
