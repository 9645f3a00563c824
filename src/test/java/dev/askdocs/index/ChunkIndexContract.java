package dev.askdocs.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askdocs.chunk.Chunk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChunkIndex} does, whatever holds it: each implementation's test extends this
 * and says how to open an empty index of 4-dimensional vectors.
 */
public abstract class ChunkIndexContract {
  /** An empty index for vectors of 4 dimensions, built with model {@code test-model}. */
  protected abstract ChunkIndex open();

  public static float[] unit(float... v) {
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

  public static IndexedDocument doc(String id, String text, String hash, int chunks) {
    return new IndexedDocument(
        id, id + ".txt", "Title " + id, text, hash, List.of(), Instant.EPOCH, chunks);
  }

  public static Chunk chunk(String docId, int ordinal, String text) {
    return new Chunk(Chunk.idOf(docId, ordinal), docId, ordinal, text, 0, text.length(), null);
  }

  @Test
  void finds_chunks_by_keyword_and_by_vector() {
    try (ChunkIndex index = open()) {
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
    try (ChunkIndex index = open()) {
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
    try (ChunkIndex index = open()) {
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
    try (ChunkIndex index = open()) {
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
  void a_collection_filter_holds_inside_every_search_listing_lookup_and_count() {
    try (ChunkIndex index = open()) {
      IndexedDocument one =
          new IndexedDocument(
              "a", "a.txt", "Alpha", "alpha text", "h", List.of(), Instant.EPOCH, 1, "one", null);
      IndexedDocument two =
          new IndexedDocument(
              "b", "b.txt", "Beta", "alpha beta", "h", List.of(), Instant.EPOCH, 1, "two", null);
      index.upsert(one, List.of(chunk("a", 0, "alpha text")), List.of(unit(1, 0, 0, 0)));
      index.upsert(two, List.of(chunk("b", 0, "alpha beta")), List.of(unit(1, 0, 0, 0)));
      index.upsert(
          doc("c", "alpha gamma", "h", 1),
          List.of(chunk("c", 0, "alpha gamma")),
          List.of(unit(1, 0, 0, 0)));
      index.commit();
      ChunkFilter onlyOne = ChunkFilter.collections(java.util.Set.of("one"));

      assertThat(index.keywordSearch("alpha", 10, onlyOne))
          .extracting(h -> h.chunk().documentId())
          .containsExactly("a");
      assertThat(index.vectorSearch(unit(1, 0, 0, 0), 10, onlyOne))
          .extracting(h -> h.chunk().documentId())
          .containsExactly("a");
      assertThat(index.documents(onlyOne)).extracting(DocumentSummary::id).containsExactly("a");
      assertThat(index.document("b", onlyOne)).isEmpty();
      assertThat(index.document("a", onlyOne))
          .get()
          .extracting(IndexedDocument::collection)
          .isEqualTo("one");
      assertThat(index.stats(onlyOne).documents()).isEqualTo(1);
      assertThat(index.stats(onlyOne).chunks()).isEqualTo(1);
      // A document written without a collection belongs to default.
      ChunkFilter byDefault = ChunkFilter.collections(java.util.Set.of("default"));
      assertThat(index.documents(byDefault)).extracting(DocumentSummary::id).containsExactly("c");
      assertThat(index.keywordSearch("alpha", 10, byDefault))
          .extracting(h -> h.chunk().documentId())
          .containsExactly("c");
      assertThat(index.stats().documents()).isEqualTo(3);
    }
  }

  @Test
  void keeps_the_web_address_of_a_crawled_page_on_the_document_and_its_hits() {
    try (ChunkIndex index = open()) {
      IndexedDocument page =
          new IndexedDocument(
              "w",
              "docs.example.org/guide/install.html",
              "Install",
              "Run the installer.",
              "h",
              List.of(),
              Instant.ofEpochMilli(7),
              1,
              null,
              "https://docs.example.org/guide/install.html");
      index.upsert(page, List.of(chunk("w", 0, "Run the installer.")), List.of(unit(0, 0, 1, 0)));
      index.upsert(
          doc("f", "A file.", "h2", 1),
          List.of(chunk("f", 0, "A file.")),
          List.of(unit(0, 0, 0, 1)));
      index.commit();
      assertThat(index.document("w")).contains(page);
      assertThat(index.documents()).contains(page.summary());
      assertThat(index.keywordSearch("installer", 1).get(0).url())
          .isEqualTo("https://docs.example.org/guide/install.html");
      assertThat(index.vectorSearch(unit(0, 0, 0, 1), 1).get(0).url()).isNull();
      assertThat(index.document("f").orElseThrow().url()).isNull();
    }
  }

  @Test
  void keeps_each_chunks_location() {
    try (ChunkIndex index = open()) {
      String text = "Region: EMEA | Q3: 42\n\nIntro text here";
      IndexedDocument d =
          new IndexedDocument(
              "x", "revenue.xlsx", "Revenue", text, "h", List.of(), Instant.ofEpochMilli(5), 2);
      index.upsert(
          d,
          List.of(
              new Chunk(
                  "x#0", "x", 0, "Region: EMEA | Q3: 42", 0, 21, null, "Sheet Q › 3, rows 2-3"),
              new Chunk("x#1", "x", 1, "Intro text here", 23, 38, null, null)),
          List.of(unit(1, 0, 0, 0), unit(0, 1, 0, 0)));
      index.commit();
      assertThat(index.keywordSearch("EMEA", 1).get(0).chunk().location())
          .isEqualTo("Sheet Q › 3, rows 2-3");
      assertThat(index.keywordSearch("intro", 1).get(0).chunk().location()).isNull();
      assertThat(index.vectorSearch(unit(1, 0, 0, 0), 1).get(0).chunk().location())
          .isEqualTo("Sheet Q › 3, rows 2-3");
    }
  }

  @Test
  void counts_how_many_chunks_hold_each_term() {
    try (ChunkIndex index = open()) {
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
  void a_hybrid_search_reads_only_the_chosen_candidates_with_the_term_statistics() {
    try (ChunkIndex index = open()) {
      index.upsert(
          doc("a", "x", "h", 3),
          List.of(
              chunk("a", 0, "red apples ripen"),
              chunk("a", 1, "green apples stay sour"),
              chunk("a", 2, "pears fall")),
          List.of(unit(1, 0, 0, 0), unit(0, 1, 0, 0), unit(0, 0, 1, 0)));
      index.commit();
      List<HybridCandidates> seen = new ArrayList<>();
      HybridHits hits =
          index.hybridSearch(
              "apples",
              5,
              unit(0, 0, 1, 0.1f),
              3,
              ChunkFilter.NONE,
              candidates -> {
                seen.add(candidates);
                // The last of the vector list, then the first keyword hit.
                return List.of(
                    candidates.vector().get(candidates.vector().size() - 1).key(),
                    candidates.keyword().get(0).key());
              });
      assertThat(seen).hasSize(1);
      HybridCandidates c = seen.get(0);
      assertThat(c.keyword()).hasSize(2);
      assertThat(c.vector()).hasSize(3);
      // One chunk has one key in both lists; the nearest one is the pears.
      assertThat(c.vector().stream().map(HybridCandidates.Candidate::key))
          .containsAll(c.keyword().stream().map(HybridCandidates.Candidate::key).toList());
      assertThat(c.vector().get(0).score()).isBetween(0.9, 1.0);
      assertThat(hits.chosen()).hasSize(2);
      assertThat(hits.chosen().get(1).chunk().text()).contains("apples");
      assertThat(hits.chosen().get(1).score()).isEqualTo(c.keyword().get(0).score());
      assertThat(hits.stats()).isEqualTo(index.keywordStats("apples"));
      assertThat(hits.stats().documentFrequency()).containsEntry("appl", 2);

      HybridHits keywordOnly =
          index.hybridSearch("pears", 5, unit(1, 0, 0, 0), 0, ChunkFilter.NONE, k -> List.of());
      assertThat(keywordOnly.chosen()).isEmpty();
      assertThat(keywordOnly.stats().chunks()).isEqualTo(3);
      assertThatThrownBy(
              () ->
                  index.hybridSearch(
                      "pears", 5, unit(1, 0, 0, 0), 0, ChunkFilter.NONE, k -> List.of(-7)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void upserts_and_commits_from_several_threads_at_once_all_land() throws Exception {
    int threads = 4;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (ChunkIndex index = open()) {
      List<Callable<Void>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        writers.add(
            () -> {
              for (int i = 0; i < perThread; i++) {
                String id = "t" + thread + "-d" + i;
                index.upsert(
                    doc(id, "x", "h", 2),
                    List.of(chunk(id, 0, "word" + thread + "x" + i), chunk(id, 1, "shared words")),
                    List.of(unit(1, thread, i, 0), unit(0, 1, thread, i)));
                if (thread == 0 && i % 5 == 0) {
                  index.commit(); // as one ingest indexer does while the others write
                }
              }
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(writers)) {
        f.get(); // rethrows a writer's failure
      }
      index.commit();
      assertThat(index.stats().documents()).isEqualTo(threads * perThread);
      assertThat(index.stats().chunks()).isEqualTo(2 * threads * perThread);
      assertThat(index.keywordSearch("word3x17", 5))
          .extracting(h -> h.chunk().id())
          .containsExactly("t3-d17#0");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void lists_documents_a_page_at_a_time_inside_the_filter_and_the_query() {
    try (ChunkIndex index = open()) {
      for (int i = 1; i <= 5; i++) {
        String title = i % 2 == 0 ? "Leave policy " + i : "Travel guide " + i;
        put(index, "p" + i, "docs/p" + i + ".txt", title, "one");
      }
      put(index, "q1", "docs/p0.txt", "Leave policy secret", "two");
      index.commit();
      ChunkFilter onlyOne = ChunkFilter.collections(Set.of("one"));

      DocumentPage first = index.documents(onlyOne, null, null, 2);
      assertThat(first.documents()).extracting(DocumentSummary::id).containsExactly("p1", "p2");
      assertThat(first.total()).isEqualTo(5);
      DocumentPage second = index.documents(onlyOne, "", first.next(), 2);
      assertThat(second.documents()).extracting(DocumentSummary::id).containsExactly("p3", "p4");
      DocumentPage last = index.documents(onlyOne, null, second.next(), 2);
      assertThat(last.documents()).extracting(DocumentSummary::id).containsExactly("p5");
      assertThat(last.next()).isNull();
      assertThat(last.total()).isEqualTo(5);

      // Title words as search analyses them ("leaves" finds "Leave"), never another collection.
      DocumentPage leave = index.documents(onlyOne, "leaves", null, 10);
      assertThat(leave.documents()).extracting(DocumentSummary::id).containsExactly("p2", "p4");
      assertThat(leave.total()).isEqualTo(2);
      // Part of the source path, in any case; characters of a regular expression taken literally.
      assertThat(index.documents(onlyOne, "P3.TX", null, 10).documents())
          .extracting(DocumentSummary::id)
          .containsExactly("p3");
      assertThat(index.documents(onlyOne, "p.*", null, 10).total()).isZero();
      DocumentPage everywhere = index.documents(ChunkFilter.NONE, "policy", null, 1);
      assertThat(everywhere.documents()).extracting(DocumentSummary::id).containsExactly("q1");
      assertThat(everywhere.total()).isEqualTo(3);
    }
  }

  private static void put(
      ChunkIndex index, String id, String source, String title, String collection) {
    index.upsert(
        new IndexedDocument(
            id, source, title, "text of " + id, "h", List.of(), Instant.EPOCH, 1, collection, null),
        List.of(chunk(id, 0, "text of " + id)),
        List.of(unit(1, 0, 0, 0)));
  }

  @Test
  void a_writer_lease_can_be_taken_again_once_closed() {
    try (ChunkIndex index = open()) {
      try (WriteLease lease = index.claimWriter()) {
        index.upsert(
            doc("a", "x", "h", 1),
            List.of(chunk("a", 0, "leased words")),
            List.of(unit(1, 0, 0, 0)));
        index.commit();
      }
      try (WriteLease again = index.claimWriter()) {
        index.delete("a");
        index.commit();
      }
      assertThat(index.stats().documents()).isZero();
    }
  }
}
