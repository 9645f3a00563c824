package dev.askdocs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.chunk.Chunk;
import dev.askdocs.chunk.Span;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.LuceneVectorCache;
import dev.askdocs.embed.ModelInfo;
import dev.askdocs.embed.SpanVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkSentencesTest {
  @TempDir Path dir;

  /** Vectors along one axis: 0 for a text run alone, 1 for a pooled span (2 if cut off: null). */
  private static final class AxisEmbedder implements Embedder {
    final List<String> alone = new ArrayList<>();
    final List<String> spans = new ArrayList<>();

    @Override
    public ModelInfo model() {
      return new ModelInfo("axis", 3, 126);
    }

    @Override
    public int countTokens(String text) {
      return text.split(" ").length;
    }

    @Override
    public float[] embed(String text) {
      return embedAll(List.of(text)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      alone.addAll(texts);
      return texts.stream().map(t -> new float[] {1, 0, 0}).toList();
    }

    @Override
    public List<SpanVectors> embedAllWithSpans(List<String> texts, List<List<Span>> all) {
      List<SpanVectors> out = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        List<float[]> pooled = new ArrayList<>();
        for (Span s : all.get(i)) {
          String sentence = s.of(texts.get(i));
          spans.add(sentence);
          pooled.add(sentence.startsWith("Cut") ? null : new float[] {0, 1, 0});
        }
        out.add(new SpanVectors(new float[] {0, 0, 1}, pooled));
      }
      return out;
    }

    @Override
    public void close() {}
  }

  private static Chunk chunk(int ordinal, String text) {
    return new Chunk("d#" + ordinal, "d", ordinal, text, 0, text.length(), null);
  }

  @Test
  void pools_each_missing_sentence_once_from_the_first_chunk_after_the_title() {
    List<Chunk> chunks =
        List.of(
            chunk(0, "First one here. Shared one here."),
            chunk(1, "Shared one here. Cut one here."));
    List<String> texts = List.of("A title\nFirst one here. Shared one here.", chunks.get(1).text());
    AxisEmbedder model = new AxisEmbedder();
    try (LuceneVectorCache cache = LuceneVectorCache.open(dir, "axis", 3)) {
      cache.addAll(List.of("First one here."), List.of(new float[] {1, 0, 0}));
      cache.commit();
      List<float[]> vectors = ChunkSentences.embed(chunks, texts, model, cache, true);
      cache.commit();

      assertThat(vectors).hasSize(2).allSatisfy(v -> assertThat(v).containsExactly(0, 0, 1));
      // The spans were found in the texts the model saw, the title in front: exactly the sentences.
      assertThat(model.spans).containsExactly("Shared one here.", "Cut one here.");
      assertThat(cache.find("Shared one here.")[1]).isGreaterThan(0.99f);
      // Cut off at the window: embedded alone instead.
      assertThat(model.alone).containsExactly("Cut one here.");
      assertThat(cache.find("Cut one here.")[0]).isGreaterThan(0.99f);
    }
  }

  @Test
  void separate_embeds_every_missing_sentence_alone() {
    List<Chunk> chunks = List.of(chunk(0, "First one here. Second one here."));
    AxisEmbedder model = new AxisEmbedder();
    try (LuceneVectorCache cache = LuceneVectorCache.open(dir, "axis", 3)) {
      ChunkSentences.embed(chunks, List.of(chunks.get(0).text()), model, cache, false);
      assertThat(model.spans).isEmpty();
      assertThat(model.alone)
          .containsExactly(
              "First one here. Second one here.", "First one here.", "Second one here.");
    }
  }
}
