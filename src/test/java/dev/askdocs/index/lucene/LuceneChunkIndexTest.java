package dev.askdocs.index.lucene;

import static dev.askdocs.index.ChunkIndexContract.chunk;
import static dev.askdocs.index.ChunkIndexContract.doc;
import static dev.askdocs.index.ChunkIndexContract.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askdocs.index.ChunkFilter;
import dev.askdocs.index.ChunkHit;
import dev.askdocs.index.ChunkIndex;
import dev.askdocs.index.ChunkIndexContract;
import dev.askdocs.index.IndexLockedException;
import dev.askdocs.index.IndexMismatchException;
import dev.askdocs.index.IndexedDocument;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded index, and what only the embedded index does. */
class LuceneChunkIndexTest extends ChunkIndexContract {
  @TempDir Path dir;

  @Override
  protected ChunkIndex open() {
    return LuceneChunkIndex.open(dir, "test-model", 4);
  }

  @Test
  void refuses_to_open_an_index_built_with_another_model() {
    try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "model-a", 4)) {
      index.commit();
    }
    assertThatThrownBy(() -> LuceneChunkIndex.open(dir, "model-b", 4))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessageContaining("model-a")
        .hasMessageContaining("model-b")
        .hasMessageContaining("ASKDOCS_INDEX_DIR")
        .hasMessageContaining("ASKDOCS_EMBEDDING_MODEL=model-a");
    // The refusal left the index intact.
    try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "model-a", 4)) {
      assertThat(index.stats().embeddingModel()).isEqualTo("model-a");
    }
  }

  @Test
  void a_second_writer_is_refused_but_a_reader_may_open() {
    try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "m", 4)) {
      index.upsert(
          doc("a", "x", "h", 1), List.of(chunk("a", 0, "hello world")), List.of(unit(1, 0, 0, 0)));
      index.commit();
      assertThatThrownBy(() -> LuceneChunkIndex.open(dir, "m", 4))
          .isInstanceOf(IndexLockedException.class);
      try (LuceneChunkIndex reader = LuceneChunkIndex.openReadOnly(dir, "m", 4)) {
        assertThat(reader.keywordSearch("hello", 1)).hasSize(1);
      }
    }
  }

  @Test
  void quantized_vectors_find_the_nearest_chunk_and_either_setting_reads_the_other() {
    IndexTuning quantized = IndexTuning.defaults().withQuantizedVectors(true);
    try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "m", 4, quantized)) {
      for (int i = 0; i < 20; i++) {
        String id = "q" + i;
        index.upsert(
            doc(id, "x", "h", 1),
            List.of(chunk(id, 0, "text " + i)),
            List.of(unit(1, i, i % 3, 20 - i)));
      }
      index.commit();
      assertThat(index.vectorSearch(unit(1, 7, 1, 13), 1).get(0).chunk().id()).isEqualTo("q7#0");
    }
    // A float segment beside the quantized one: both are searched.
    try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "m", 4)) {
      index.upsert(
          doc("f", "x", "h", 1), List.of(chunk("f", 0, "float one")), List.of(unit(0, 0, 1, 0)));
      index.commit();
      assertThat(index.vectorSearch(unit(1, 7, 1, 13), 1).get(0).chunk().id()).isEqualTo("q7#0");
      assertThat(index.vectorSearch(unit(0, 0, 1, 0), 1).get(0).chunk().id()).isEqualTo("f#0");
      assertThat(index.stats().chunks()).isEqualTo(21);
    }
  }

  @Test
  void a_wider_beam_still_returns_the_nearest_asked_for() {
    IndexTuning wide = IndexTuning.defaults().withVectorBeam(15);
    try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "m", 4, wide)) {
      for (int i = 0; i < 20; i++) {
        String id = "w" + i;
        index.upsert(
            doc(id, "x", "h", 1),
            List.of(chunk(id, 0, "text " + i)),
            List.of(unit(1, i, i % 3, 20 - i)));
      }
      index.commit();
      assertThat(index.vectorBeam(3)).isEqualTo(15);
      assertThat(index.vectorBeam(30)).isEqualTo(30);
      List<ChunkHit> top = index.vectorSearch(unit(1, 7, 1, 13), 3);
      assertThat(top).hasSize(3);
      assertThat(top.get(0).chunk().id()).isEqualTo("w7#0");
      assertThat(index.vectorSearch(unit(1, 7, 1, 13), 2, 18)).hasSize(2);
      assertThat(index.segments()).isPositive();
    }
    try (LuceneChunkIndex index = LuceneChunkIndex.openReadOnly(dir, "m", 4)) {
      assertThat(index.vectorBeam(3)).isEqualTo(3); // 20 chunks: the automatic beam is as asked
    }
  }

  @Test
  void exact_search_and_the_chunk_walk_see_every_live_vector() {
    try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "m", 4)) {
      index.upsert(
          doc("a", "x", "h", 2),
          List.of(chunk("a", 0, "first"), chunk("a", 1, "second")),
          List.of(unit(1, 0, 0, 0), unit(1, 1, 0, 0)));
      index.upsert(
          doc("b", "x", "h", 1), List.of(chunk("b", 0, "gone")), List.of(unit(1, 0, 0, 0)));
      index.commit();
      index.delete("b");
      index.commit();

      List<ChunkHit> exact = index.exactVectorSearch(unit(1, 0.1f, 0, 0), 5);
      assertThat(exact).extracting(h -> h.chunk().id()).containsExactly("a#0", "a#1");
      assertThat(exact.get(0).score()).isCloseTo(0.995, org.assertj.core.data.Offset.offset(0.001));

      List<String> walked = new java.util.ArrayList<>();
      index.forEachChunk((hit, vector) -> walked.add(hit.chunk().id() + ":" + vector.length));
      assertThat(walked).containsExactlyInAnyOrder("a#0:4", "a#1:4");
    }
  }

  @Test
  void upgrades_an_index_from_before_source_filters_in_place() throws Exception {
    // Written as askdocs wrote indexes before schema 2: no sourcePath on chunks, no schema key.
    IndexedDocument old = doc("guides/a", "Apples grow on trees.", "h", 2);
    try (var directory = org.apache.lucene.store.FSDirectory.open(dir);
        var writer =
            new org.apache.lucene.index.IndexWriter(
                directory,
                new org.apache.lucene.index.IndexWriterConfig(
                    new org.apache.lucene.analysis.en.EnglishAnalyzer()))) {
      List<org.apache.lucene.document.Document> docs = new java.util.ArrayList<>();
      docs.add(LuceneDocuments.documentRecord(old));
      for (int i = 0; i < 2; i++) {
        var c =
            LuceneDocuments.chunkRecord(chunk("guides/a", i, "apples " + i), old, unit(1, i, 0, 0));
        c.removeField(LuceneDocuments.SOURCE_PATH);
        docs.add(c);
      }
      writer.addDocuments(docs);
      writer.setLiveCommitData(
          java.util.Map.of(LuceneChunkIndex.MODEL_KEY, "m", LuceneChunkIndex.DIMENSION_KEY, "4")
              .entrySet());
      writer.commit();
    }
    ChunkFilter guides = ChunkFilter.sourcePrefixes(List.of("guides/"));
    try (LuceneChunkIndex index = LuceneChunkIndex.openReadOnly(dir, "m", 4)) {
      assertThat(index.keywordSearch("apples", 10, guides)).isEmpty(); // what the upgrade fixes
    }

    try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "m", 4)) {
      assertThat(index.keywordSearch("apples", 10, guides))
          .extracting(h -> h.chunk().id())
          .containsExactlyInAnyOrder("guides/a#0", "guides/a#1");
      // Vectors, text and the document record came through unchanged.
      assertThat(index.vectorSearch(unit(1, 1, 0, 0), 1, guides).get(0).chunk().id())
          .isEqualTo("guides/a#1");
      assertThat(index.document("guides/a").orElseThrow().text()).isEqualTo(old.text());
      assertThat(index.stats().chunks()).isEqualTo(2);
    }
    var data =
        org.apache.lucene.index.SegmentInfos.readLatestCommit(
                org.apache.lucene.store.FSDirectory.open(dir))
            .getUserData();
    assertThat(data).containsEntry(LuceneChunkIndex.SCHEMA_KEY, "2");
  }
}
