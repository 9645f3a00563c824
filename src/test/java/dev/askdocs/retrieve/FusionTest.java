package dev.askdocs.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askdocs.index.HybridCandidates.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTest {
  /** Candidates keyed by the letter's position in the alphabet, so that ids read as letters. */
  private static Candidate hit(String id, double score) {
    return new Candidate(id.charAt(0) - 'a', score);
  }

  private static List<String> ids(List<Fusion.Fused> fused) {
    return fused.stream().map(f -> String.valueOf((char) ('a' + f.key()))).toList();
  }

  @Test
  void rrf_rewards_agreement_between_the_lists() {
    List<Candidate> bm25 = List.of(hit("a", 9), hit("b", 5), hit("c", 1));
    List<Candidate> dense = List.of(hit("b", 0.9), hit("c", 0.8), hit("a", 0.1));
    List<Fusion.Fused> fused = Fusion.rrf(60).fuse(bm25, dense, 10);
    assertThat(ids(fused)).containsExactly("b", "a", "c");
    Fusion.Fused b = fused.get(0);
    assertThat(b.keywordRank()).isEqualTo(2);
    assertThat(b.vectorRank()).isEqualTo(1);
    assertThat(b.score())
        .isCloseTo(1.0 / 62 + 1.0 / 61, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void convex_keeps_a_clear_keyword_winner_first() {
    // BM25 is sure about "a"; dense barely prefers "b".
    List<Candidate> bm25 = List.of(hit("a", 20), hit("b", 2), hit("c", 1));
    List<Candidate> dense = List.of(hit("b", 0.52), hit("c", 0.51), hit("a", 0.50));
    assertThat(ids(Fusion.convex(0.5).fuse(bm25, dense, 10)).get(0)).isEqualTo("a");
    assertThat(ids(Fusion.rrf(60).fuse(bm25, dense, 10)).get(0)).isEqualTo("b");
  }

  @Test
  void convex_weight_zero_or_one_reproduces_a_single_list() {
    List<Candidate> bm25 = List.of(hit("a", 3), hit("b", 2));
    List<Candidate> dense = List.of(hit("b", 0.9), hit("a", 0.2));
    assertThat(ids(Fusion.convex(1).fuse(bm25, dense, 10))).containsExactly("a", "b");
    assertThat(ids(Fusion.convex(0).fuse(bm25, dense, 10))).containsExactly("b", "a");
  }

  @Test
  void a_single_list_ranks_by_itself_and_top_k_cuts() {
    List<Candidate> bm25 = List.of(hit("a", 3), hit("b", 2), hit("c", 1));
    assertThat(ids(Fusion.convex(0.3).fuse(bm25, List.of(), 2))).containsExactly("a", "b");
    assertThat(ids(Fusion.rrf(60).fuse(List.of(), bm25, 2))).containsExactly("a", "b");
    assertThat(Fusion.rrf(60).fuse(List.of(), List.of(), 5)).isEmpty();
  }

  @Test
  void parses_settings_and_refuses_bad_ones() {
    assertThat(Fusion.parse("rrf")).isEqualTo(Fusion.rrf(60));
    assertThat(Fusion.parse("convex:0.3")).isEqualTo(Fusion.convex(0.3));
    assertThat(Fusion.parse("convex:0.3").toString()).isEqualTo("convex:0.3");
    assertThatThrownBy(() -> Fusion.parse("magic")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fusion.convex(1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
