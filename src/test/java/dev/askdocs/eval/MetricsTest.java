package dev.askdocs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void ndcg_uses_graded_relevance_and_a_log2_discount() {
    Map<String, Integer> rel = Map.of("a", 2, "b", 1);
    assertThat(Metrics.ndcg(List.of("a", "b", "x"), rel, 10)).isEqualTo(1.0);
    // b first, a second: DCG = 1/log2(2) + 3/log2(3); IDCG = 3/log2(2) + 1/log2(3)
    double dcg = 1 + 3 / (Math.log(3) / Math.log(2));
    double idcg = 3 + 1 / (Math.log(3) / Math.log(2));
    assertThat(Metrics.ndcg(List.of("b", "a"), rel, 10)).isCloseTo(dcg / idcg, within(1e-12));
    assertThat(Metrics.ndcg(List.of("x", "y"), rel, 10)).isZero();
  }

  @Test
  void recall_and_mrr_count_within_the_cutoff() {
    Map<String, Integer> rel = Map.of("a", 1, "b", 1);
    assertThat(Metrics.recall(List.of("x", "a", "y", "b"), rel, 2)).isEqualTo(0.5);
    assertThat(Metrics.recall(List.of("x", "a", "y", "b"), rel, 4)).isEqualTo(1.0);
    assertThat(Metrics.mrr(List.of("x", "a"), rel, 10)).isEqualTo(0.5);
    assertThat(Metrics.mrr(List.of("x", "a"), rel, 1)).isZero();
  }

  @Test
  void average_precision_of_ranked_labels() {
    assertThat(Metrics.averagePrecision(List.of(1, 0, 1)))
        .isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
    assertThat(Metrics.averagePrecision(List.of(0, 0))).isZero();
  }

  @Test
  void squad_normalisation_matches_the_official_script() {
    assertThat(SquadText.normalise("The  Denver Broncos!")).isEqualTo("denver broncos");
    assertThat(
            SquadText.containsAny("Won by the Denver Broncos in 2016.", List.of("Denver Broncos")))
        .isTrue();
    assertThat(SquadText.containsAny("Broncos", List.of("Denver Broncos"))).isFalse();
    assertThat(SquadText.containsAny("in 20160", List.of("2016"))).isFalse();
  }
}
