package dev.askdocs.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxMiniLmEmbedderTest {
  private static long[] tokens(int n) {
    return new long[n];
  }

  @Test
  void batches_group_similar_lengths_within_the_token_budget() {
    long[][] ids = {tokens(128), tokens(10), tokens(12), tokens(127), tokens(11), tokens(126)};
    List<int[]> batches = OnnxMiniLmEmbedder.batches(ids, OnnxMiniLmEmbedder.BATCH_TOKENS);
    List<Integer> seen = new ArrayList<>();
    for (int[] b : batches) {
      int longest = 0;
      for (int i : b) {
        seen.add(i);
        longest = Math.max(longest, ids[i].length);
      }
      assertThat(b.length * longest).isLessThanOrEqualTo(OnnxMiniLmEmbedder.BATCH_TOKENS);
    }
    // Shortest first, every text exactly once; short and long texts never share a batch.
    assertThat(seen).containsExactly(1, 4, 2, 5, 3, 0);
    assertThat(batches.get(0)).containsExactly(1, 4, 2);
    assertThat(batches.get(1)).containsExactly(5, 3, 0);
  }

  @Test
  void a_text_longer_than_the_budget_gets_a_batch_of_its_own() {
    long[][] ids = {tokens(600), tokens(5)};
    List<int[]> batches = OnnxMiniLmEmbedder.batches(ids, OnnxMiniLmEmbedder.BATCH_TOKENS);
    assertThat(batches).hasSize(2);
    assertThat(batches.get(1)).containsExactly(0);
  }

  @Test
  void the_quantized_budget_embeds_every_text_alone() {
    long[][] ids = {tokens(7), tokens(7), tokens(3)};
    assertThat(OnnxMiniLmEmbedder.batches(ids, OnnxMiniLmEmbedder.QUANTIZED_BATCH_TOKENS))
        .extracting(b -> b.length)
        .containsExactly(1, 1, 1);
  }

  @Test
  void no_texts_no_batches() {
    assertThat(OnnxMiniLmEmbedder.batches(new long[0][], 512)).isEmpty();
  }
}
