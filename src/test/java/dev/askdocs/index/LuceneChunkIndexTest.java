package dev.askdocs.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askdocs.chunk.Chunk;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneChunkIndexTest {
  @TempDir Path dir;

  private static float[] unit(float... v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / Math.sqrt(n));
    }
    return out;
  }

  private static IndexedDocument doc(String id, String text, String hash, int chunks) {
    return new IndexedDocument(
        id, id + ".txt", "Title " + id, text, hash, List.of(), Instant.EPOCH, chunks);
  }

  private static Chunk chunk(String docId, int ordinal, String text) {
    return new Chunk(Chunk.idOf(docId, ordinal), docId, ordinal, text, 0, text.length(), null);
  }

  @Test
  void finds_chunks_by_keyword_and_by_vector() {
    try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "test-model", 4)) {
      index.upsert(
          doc("a", "Cats purr. Dogs bark.", "h1", 2),
          List.of(chunk("a", 0, "Cats purr loudly."), chunk("a", 1, "Dogs bark at night.")),
          List.of(unit(1, 0, 0, 0), unit(0, 1, 0, 0)));
      index.commit();

      List<ChunkHit> byWord = index.keywordSearch("barking dogs", 5);
      assertThat(byWord).hasSize(1);
      assertThat(byWord.get(0).chunk().id()).isEqualTo("a#1");
      assertThat(byWord.get(0).title()).isEqualTo("Title a");

      List<ChunkHit> byVector = index.vectorSearch(unit(0.9f, 0.1f, 0, 0), 2);
      assertThat(byVector.get(0).chunk().id()).isEqualTo("a#0");
      assertThat(byVector.get(0).score()).isBetween(0.9, 1.0);
      assertThat(index.keywordSearch("the of and", 5)).isEmpty();
    }
  }

  @Test
  void filters_by_source_prefix_and_document_id_inside_the_search() {
    try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "test-model", 4)) {
      for (String id : List.of("guides/a", "guides/b", "notes/c")) {
        index.upsert(
            doc(id, "apples", "h", 1),
            List.of(chunk(id, 0, "apples from " + id)),
            List.of(unit(1, id.length(), 0, 0)));
      }
      index.commit();
      ChunkFilter guides = ChunkFilter.sourcePrefixes(List.of("guides/"));
      assertThat(index.keywordSearch("apples", 10, guides))
          .extracting(h -> h.chunk().documentId())
          .containsExactlyInAnyOrder("guides/a", "guides/b");
      // n=1 still finds a match: the filter is inside the search, not applied to an unfiltered top
      // 1.
      assertThat(
              index.vectorSearch(unit(1, 7, 0, 0), 1, ChunkFilter.documentIds(Set.of("notes/c"))))
          .extracting(h -> h.chunk().documentId())
          .containsExactly("notes/c");
      assertThat(
              index.keywordSearch(
                  "apples",
                  10,
                  new ChunkFilter(List.of("guides/", "notes/"), Set.of("guides/b", "notes/c"))))
          .extracting(h -> h.chunk().documentId())
          .containsExactlyInAnyOrder("guides/b", "notes/c");
      assertThat(index.keywordSearch("apples", 10, ChunkFilter.sourcePrefixes(List.of("none/"))))
          .isEmpty();
    }
  }

  @Test
  void replaces_a_document_atomically_and_deletes_it() {
    try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "test-model", 4)) {
      index.upsert(
          doc("a", "old", "h1", 2),
          List.of(chunk("a", 0, "old apples"), chunk("a", 1, "old pears")),
          List.of(unit(1, 0, 0, 0), unit(0, 1, 0, 0)));
      index.commit();
      index.upsert(
          doc("a", "new", "h2", 1),
          List.of(chunk("a", 0, "new bananas")),
          List.of(unit(0, 0, 1, 0)));
      // Not yet committed: searches still see the old version whole.
      assertThat(index.keywordSearch("apples pears bananas", 5)).hasSize(2);
      index.commit();
      assertThat(index.keywordSearch("apples pears bananas", 5))
          .extracting(h -> h.chunk().text())
          .containsExactly("new bananas");
      assertThat(index.stats().chunks()).isEqualTo(1);
      assertThat(index.document("a"))
          .get()
          .extracting(IndexedDocument::contentHash)
          .isEqualTo("h2");

      index.delete("a");
      index.commit();
      assertThat(index.keywordSearch("bananas", 5)).isEmpty();
      assertThat(index.document("a")).isEmpty();
      assertThat(index.documents()).isEmpty();
    }
  }

  @Test
  void keeps_document_text_and_metadata() {
    try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "test-model", 4)) {
      IndexedDocument d =
          new IndexedDocument(
              "p",
              "sub/p.pdf",
              "A PDF",
              "page one\n\npage two",
              "h",
              List.of(0, 10),
              Instant.ofEpochMilli(5),
              1);
      index.upsert(
          d, List.of(new Chunk("p#0", "p", 0, "page one", 0, 8, 1)), List.of(unit(1, 1, 0, 0)));
      index.commit();
      assertThat(index.document("p")).contains(d);
      assertThat(index.documents()).containsExactly(d.summary());
      assertThat(index.keywordSearch("page", 1).get(0).chunk().page()).isEqualTo(1);
    }
  }

  @Test
  void counts_how_many_chunks_hold_each_term() {
    try (LuceneChunkIndex index = LuceneChunkIndex.open(dir, "test-model", 4)) {
      index.upsert(
          doc("a", "x", "h", 2),
          List.of(chunk("a", 0, "fighters in the hills"), chunk("a", 1, "a fighter rests")),
          List.of(unit(1, 0, 0, 0), unit(0, 1, 0, 0)));
      index.commit();
      KeywordStats stats = index.keywordStats("How many fighters? Unicorns.");
      assertThat(stats.chunks()).isEqualTo(2);
      assertThat(stats.documentFrequency()).containsEntry("fighter", 2).containsEntry("unicorn", 0);
      assertThat(stats.idf("unicorn")).isGreaterThan(stats.idf("fighter"));
    }
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
        .hasMessageContaining("ASKDOCS_INDEX_DIR");
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
