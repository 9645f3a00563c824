package dev.askdocs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.TestCorpus;
import dev.askdocs.chunk.Chunker;
import dev.askdocs.chunk.SentenceSplitter;
import dev.askdocs.config.EmbeddingModelName;
import dev.askdocs.embed.CachingEmbedder;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.LuceneVectorCache;
import dev.askdocs.embed.ModelInfo;
import dev.askdocs.embed.OnnxMiniLmEmbedder;
import dev.askdocs.index.lucene.LuceneChunkIndex;
import dev.askdocs.load.DocumentLoaders;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest computes the vectors of every sentence the answerer will score, as it will split them. */
class SentenceVectorsIT {
  @TempDir Path tmp;

  @Test
  void every_sentence_of_every_chunk_is_cached_alone_or_pooled_from_its_chunks_run() {
    Path corpus = TestCorpus.withSeed(tmp.resolve("corpus"));
    try (OnnxMiniLmEmbedder model =
        OnnxMiniLmEmbedder.load(EmbeddingModelName.ALL_MINILM_L6_V2_Q)) {
      for (boolean pooled : new boolean[] {false, true}) {
        Path dir = tmp.resolve(pooled ? "pooled" : "separate");
        try (LuceneChunkIndex index =
                LuceneChunkIndex.open(dir.resolve("index"), model.modelName(), model.dimension());
            LuceneVectorCache cache =
                LuceneVectorCache.open(dir.resolve("sentences"), model.modelName(), 384)) {
          Chunker chunker = new Chunker(model::countTokens, model.maxTokens(), 1);
          new Ingestor(
                  DocumentLoaders.standard(),
                  chunker,
                  model,
                  index,
                  index,
                  Clock.systemUTC(),
                  true,
                  cache,
                  pooled,
                  Ingestor.DEFAULT_INDEXERS,
                  0)
              .ingest(corpus);

          List<String> sentences = new ArrayList<>();
          SentenceSplitter splitter = new SentenceSplitter();
          index.forEachChunk(
              (hit, vector) -> {
                String text = hit.chunk().text();
                splitter.split(text).forEach(s -> sentences.add(s.of(text)));
              });
          assertThat(sentences).hasSizeGreaterThan(10);
          assertThat(cache.missing(sentences)).isEmpty();
          List<Double> cosines = new ArrayList<>();
          for (String s : sentences.subList(0, 8)) {
            cosines.add(Embedder.cosine(cache.find(s), model.embed(s)));
          }
          if (pooled) {
            // From the chunk's run: near the sentence's own vector, not the same.
            assertThat(cosines).allSatisfy(c -> assertThat(c).isGreaterThan(0.6));
            assertThat(cosines).anySatisfy(c -> assertThat(c).isLessThan(0.99));
          } else {
            assertThat(cosines).allSatisfy(c -> assertThat(c).isGreaterThan(0.999));
          }

          // The answerer's embedder finds them all without running the model.
          AtomicInteger modelCalls = new AtomicInteger();
          Embedder counting =
              new CachingEmbedder(new CountingEmbedder(model, modelCalls), 100, cache);
          counting.embedAll(sentences);
          assertThat(modelCalls).hasValue(0);
          counting.embedAll(List.of("A sentence no document holds."));
          assertThat(modelCalls).hasValue(1);
        }
      }
    }
  }

  @Test
  void uploaded_documents_get_their_sentence_vectors_too() {
    Path corpus = TestCorpus.withSeed(tmp.resolve("corpus"));
    try (OnnxMiniLmEmbedder model = OnnxMiniLmEmbedder.load(EmbeddingModelName.ALL_MINILM_L6_V2_Q);
        LuceneChunkIndex index =
            LuceneChunkIndex.open(tmp.resolve("index"), model.modelName(), model.dimension());
        LuceneVectorCache cache =
            LuceneVectorCache.open(tmp.resolve("sentences"), model.modelName(), 384)) {
      Chunker chunker = new Chunker(model::countTokens, model.maxTokens(), 1);
      Ingestor ingestor =
          new Ingestor(
              DocumentLoaders.standard(), chunker, model, index, Clock.systemUTC(), true, cache);
      DocumentUploads uploads = new DocumentUploads(ingestor, model, index, corpus);
      uploads.add(
          List.of(
              DocumentUploads.text(
                  "Garden notes",
                  "The tomatoes were planted on the north terrace. They ripen in August.",
                  null)),
          1_000_000);

      assertThat(cache.missing(List.of("The tomatoes were planted on the north terrace.")))
          .isEmpty();
      assertThat(cache.missing(List.of("They ripen in August."))).isEmpty();
    }
  }

  /** Counts the calls that reach the model. */
  private record CountingEmbedder(Embedder delegate, AtomicInteger calls) implements Embedder {
    @Override
    public ModelInfo model() {
      return delegate.model();
    }

    @Override
    public int countTokens(String text) {
      return delegate.countTokens(text);
    }

    @Override
    public float[] embed(String text) {
      calls.incrementAndGet();
      return delegate.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      calls.incrementAndGet();
      return delegate.embedAll(texts);
    }

    @Override
    public void close() {
      // The delegate belongs to the test.
    }
  }
}
