package dev.askdocs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.askdocs.chunk.Chunker;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.ModelInfo;
import dev.askdocs.index.lucene.LuceneChunkIndex;
import dev.askdocs.load.DocumentLoaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overlapped ingest pipeline with a real Lucene index and a stand-in model. */
class IngestorTest {
  private static final int DOCUMENTS = 150;

  @TempDir Path tmp;
  Path corpus;

  /** Word-count "tokens" and a vector derived from the text; {@code onCall} sees each call. */
  static final class FakeEmbedder implements Embedder {
    final AtomicInteger calls = new AtomicInteger();
    final IntConsumer onCall;

    FakeEmbedder(IntConsumer onCall) {
      this.onCall = onCall;
    }

    @Override
    public ModelInfo model() {
      return new ModelInfo("fake", 4, 40);
    }

    @Override
    public int countTokens(String text) {
      return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    @Override
    public float[] embed(String text) {
      int h = text.hashCode();
      float[] v = {1 + (h & 7), (h >> 3) & 7, (h >> 6) & 7, (h >> 9) & 7};
      double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2] + v[3] * v[3]);
      for (int i = 0; i < 4; i++) {
        v[i] /= (float) n;
      }
      return v;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      onCall.accept(calls.incrementAndGet());
      return texts.stream().map(this::embed).toList();
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void corpus() throws IOException {
    corpus = Files.createDirectories(tmp.resolve("corpus"));
    for (int i = 0; i < DOCUMENTS; i++) {
      StringBuilder text = new StringBuilder("Document " + i + "\n\n");
      for (int s = 0; s < 1 + i % 7; s++) {
        text.append("Sentence ").append(s).append(" of document ").append(i);
        text.append(" talks about topic ").append(i * 31 % 97).append(" at some length. ");
      }
      Files.writeString(corpus.resolve(String.format("doc-%03d.txt", i)), text);
    }
  }

  /** Whether the last {@link #ingest} left the calling thread interrupted (then cleared). */
  boolean leftInterrupted;

  private IngestReport ingest(Embedder model) {
    try (LuceneChunkIndex index = LuceneChunkIndex.open(tmp.resolve("index"), "fake", 4)) {
      Chunker chunker = new Chunker(model::countTokens, model.maxTokens(), 1);
      Ingestor ingestor =
          new Ingestor(DocumentLoaders.standard(), chunker, model, index, Clock.systemUTC(), false);
      IngestReport report = ingestor.ingest(corpus);
      // App closes the index from another thread; here the flag must go before closing.
      leftInterrupted = Thread.interrupted();
      return report;
    }
  }

  private int indexedDocuments() {
    try (LuceneChunkIndex index = LuceneChunkIndex.open(tmp.resolve("index"), "fake", 4)) {
      return index.stats().documents();
    }
  }

  @Test
  void indexes_every_document_across_many_model_calls() {
    FakeEmbedder model = new FakeEmbedder(n -> {});
    IngestReport r = ingest(model);
    assertThat(r.added()).isEqualTo(DOCUMENTS);
    assertThat(r.files()).isEqualTo(DOCUMENTS);
    assertThat(model.calls.get()).isGreaterThan(1);
    assertThat(indexedDocuments()).isEqualTo(DOCUMENTS);
    assertThat(ingest(model).unchanged()).isEqualTo(DOCUMENTS);
  }

  @Test
  void a_corpus_reached_through_a_symbolic_link_keeps_its_documents() throws IOException {
    FakeEmbedder model = new FakeEmbedder(n -> {});
    assertThat(ingest(model).added()).isEqualTo(DOCUMENTS);
    corpus = Files.createSymbolicLink(tmp.resolve("linked"), corpus);
    IngestReport again = ingest(model);
    assertThat(again.deleted()).isZero();
    assertThat(again.unchanged()).isEqualTo(DOCUMENTS);
    assertThat(indexedDocuments()).isEqualTo(DOCUMENTS);
    assertThat(FolderSnapshot.of(corpus).files()).hasSize(DOCUMENTS);
  }

  @Test
  void a_model_failure_fails_the_run_without_hanging() {
    FakeEmbedder model =
        new FakeEmbedder(
            n -> {
              if (n == 2) {
                throw new IllegalStateException("model exploded");
              }
            });
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () ->
            assertThatThrownBy(() -> ingest(model))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("model exploded"));
  }

  @Test
  void an_interrupt_stops_the_run_keeps_what_was_embedded_and_the_next_run_finishes() {
    FakeEmbedder interrupting =
        new FakeEmbedder(
            n -> {
              if (n == 1) {
                Thread.currentThread().interrupt(); // as App.close does to the start-up ingest
              }
            });
    IngestReport first = ingest(interrupting);
    assertThat(leftInterrupted).as("the interrupt is kept for the caller").isTrue();
    assertThat(first.added()).isPositive().isLessThan(DOCUMENTS);
    assertThat(indexedDocuments()).isEqualTo(first.added());

    IngestReport second = ingest(new FakeEmbedder(n -> {}));
    assertThat(second.added()).isEqualTo(DOCUMENTS - first.added());
    assertThat(second.unchanged()).isEqualTo(first.added());
    assertThat(second.deleted()).isZero();
  }
}
