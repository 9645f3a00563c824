package dev.askdocs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentScoreTest {
  private static final List<Double> SCORES = List.of(0.8, 0.6, 0.5);

  @Test
  void max_is_the_best_chunk() {
    assertThat(DocumentScore.MAX.of(SCORES)).isEqualTo(0.8);
  }

  @Test
  void sum_adds_the_best_k_chunks() {
    assertThat(new DocumentScore("sum", 2).of(SCORES)).isCloseTo(1.4, within(1e-9));
  }

  @Test
  void decay_weighs_each_next_chunk_less() {
    assertThat(new DocumentScore("decay", 0.5).of(SCORES))
        .isCloseTo(0.8 + 0.3 + 0.125, within(1e-9));
  }

  @Test
  void softmax_lies_between_the_max_and_the_max_plus_t_log_n() {
    double s = new DocumentScore("softmax", 0.05).of(SCORES);
    assertThat(s).isGreaterThan(0.8).isLessThan(0.8 + 0.05 * Math.log(3));
    assertThat(new DocumentScore("softmax", 0.05).of(List.of(0.8))).isCloseTo(0.8, within(1e-9));
  }
}
