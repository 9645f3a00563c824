package dev.askdocs.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.TestCorpus;
import dev.askdocs.chunk.SentenceSplitter;
import dev.askdocs.chunk.Span;
import dev.askdocs.config.EmbeddingModelName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The batched ONNX embedder against LangChain4j's own model classes, on real texts. */
class OnnxMiniLmEmbedderIT {

  /** Real texts of every length: questions, sentences, paragraphs, and whole documents. */
  static List<String> realTexts() throws IOException {
    String article = Files.readString(Path.of("corpus", TestCorpus.SEED));
    String guide = Files.readString(Path.of("src", "test", "resources", "fixtures", "guide.md"));
    List<String> texts = new ArrayList<>();
    texts.add("TTP");
    texts.addAll(TestCorpus.lines("/questions/seed-unanswerable.txt"));
    new SentenceSplitter().split(article).forEach(s -> texts.add(s.of(article)));
    for (String paragraph : article.split("\n\n")) {
      texts.add(paragraph.strip());
    }
    texts.add(guide);
    texts.add(article); // longer than the window: both models see its first 126 word pieces
    return texts;
  }

  @ParameterizedTest
  @EnumSource(EmbeddingModelName.class)
  void gives_the_same_vectors_as_the_langchain4j_model(EmbeddingModelName model)
      throws IOException {
    List<String> texts = realTexts();
    try (MiniLmEmbedder stock = MiniLmEmbedder.load(model);
        OnnxMiniLmEmbedder batched = OnnxMiniLmEmbedder.load(model, 2)) {
      // One call mixes lengths, so batches are padded and the results must come back in order.
      List<float[]> ours = batched.embedAll(texts);
      List<float[]> theirs = stock.embedAll(texts);
      assertThat(ours).hasSize(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        assertThat(norm(ours.get(i))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Embedder.cosine(ours.get(i), theirs.get(i)))
            .as("cosine for text %d: %s", i, texts.get(i))
            .isGreaterThan(0.999);
      }
      assertThat(Embedder.cosine(batched.embed(texts.get(1)), theirs.get(1))).isGreaterThan(0.999);
      for (String t : texts) {
        assertThat(batched.countTokens(t)).isEqualTo(stock.countTokens(t));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = EmbeddingModelName.class, names = "ALL_MINILM_L6_V2_Q")
  void concurrent_callers_get_their_own_vectors(EmbeddingModelName model) throws Exception {
    List<String> texts = realTexts();
    ExecutorService callers = Executors.newFixedThreadPool(6);
    try (OnnxMiniLmEmbedder embedder = OnnxMiniLmEmbedder.load(model, 2)) {
      List<float[]> expected = embedder.embedAll(texts);
      List<Future<List<float[]>>> batches = new ArrayList<>();
      List<Future<float[]>> singles = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        batches.add(callers.submit(() -> embedder.embedAll(texts)));
        int pick = i;
        singles.add(callers.submit(() -> embedder.embed(texts.get(pick))));
      }
      for (Future<List<float[]>> f : batches) {
        List<float[]> got = f.get();
        for (int i = 0; i < texts.size(); i++) {
          assertThat(Embedder.cosine(got.get(i), expected.get(i))).isGreaterThan(0.9999);
        }
      }
      for (int i = 0; i < singles.size(); i++) {
        assertThat(Embedder.cosine(singles.get(i).get(), expected.get(i))).isGreaterThan(0.9999);
      }
    } finally {
      callers.shutdownNow();
    }
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  @Test
  void pools_a_sentence_from_its_chunks_run_close_to_but_not_as_its_own_embedding() {
    String title = "Zürich's lakes\n";
    String first = "The lake of Zürich (88 km², 🌊) is fed by the Linth, café-side.";
    String second = "Swimming is allowed at the public baths during the summer months.";
    String text = title + first + " " + second;
    int at = title.length();
    List<Span> spans =
        List.of(
            new Span(at, at + first.length()), new Span(at + first.length() + 1, text.length()));
    try (OnnxMiniLmEmbedder model =
        OnnxMiniLmEmbedder.load(EmbeddingModelName.ALL_MINILM_L6_V2_Q, 2)) {
      // Character offsets are UTF-16 indices: the emoji, "ü" and "²" before the second sentence
      // do not shift its tokens ([CLS] first).
      int[][] ranges = model.tokenRanges(text, spans);
      int titleAndFirst = model.countTokens(title) + model.countTokens(first);
      assertThat(ranges[0]).containsExactly(1 + model.countTokens(title), 1 + titleAndFirst);
      assertThat(ranges[1])
          .containsExactly(1 + titleAndFirst, 1 + titleAndFirst + model.countTokens(second));

      SpanVectors got = model.embedAllWithSpans(List.of(text), List.of(spans)).get(0);
      assertThat(Embedder.cosine(got.vector(), model.embed(text))).isGreaterThan(0.999);
      float[] own = model.embed(second);
      float[] pooled = got.spans().get(1);
      assertThat(norm(pooled)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(Embedder.cosine(pooled, own)).isGreaterThan(0.7).isLessThan(0.995);
      assertThat(Embedder.cosine(pooled, own))
          .isGreaterThan(Embedder.cosine(got.spans().get(0), own));

      // A sentence past the model's window is not pooled: the caller embeds it alone.
      String longText = "word ".repeat(200) + second;
      Span tail = new Span(longText.length() - second.length(), longText.length());
      assertThat(model.embedAllWithSpans(List.of(longText), List.of(List.of(tail))).get(0).spans())
          .containsExactly((float[]) null);
    }
  }
}
