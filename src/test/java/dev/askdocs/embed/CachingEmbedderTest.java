package dev.askdocs.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachingEmbedderTest {
  /** Counts what reaches the model; the vector encodes the text's length. */
  static final class CountingEmbedder implements Embedder {
    final List<String> seen = new ArrayList<>();

    @Override
    public ModelInfo model() {
      return new ModelInfo("counting", 1, 10);
    }

    @Override
    public int countTokens(String text) {
      return text.length();
    }

    @Override
    public float[] embed(String text) {
      seen.add(text);
      return new float[] {text.length()};
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      return texts.stream().map(this::embed).toList();
    }

    @Override
    public void close() {}
  }

  @Test
  void embeds_each_text_once_and_keeps_input_order() {
    CountingEmbedder model = new CountingEmbedder();
    CachingEmbedder cache = new CachingEmbedder(model, 10);
    cache.embed("bb");
    List<float[]> out = cache.embedAll(List.of("a", "bb", "ccc", "a"));
    assertThat(out).extracting(v -> v[0]).containsExactly(1f, 2f, 3f, 1f);
    assertThat(model.seen).containsExactly("bb", "a", "ccc", "a");
    cache.embedAll(List.of("a", "bb", "ccc"));
    assertThat(model.seen).hasSize(4);
  }

  @Test
  void forgets_the_least_recently_used_text_beyond_capacity() {
    CountingEmbedder model = new CountingEmbedder();
    CachingEmbedder cache = new CachingEmbedder(model, 2);
    cache.embed("a");
    cache.embed("b");
    cache.embed("a");
    cache.embed("c"); // evicts b
    cache.embed("a");
    cache.embed("b");
    assertThat(model.seen).containsExactly("a", "b", "c", "b");
  }
}
