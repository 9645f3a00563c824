package dev.askdocs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.askdocs.chunk.Chunk;
import dev.askdocs.chunk.Chunker;
import dev.askdocs.embed.LuceneVectorCache;
import dev.askdocs.index.ChunkWriter;
import dev.askdocs.index.DocumentSummary;
import dev.askdocs.index.IndexedDocument;
import dev.askdocs.index.WriteLease;
import dev.askdocs.index.lucene.LuceneChunkIndex;
import dev.askdocs.ingest.IngestorTest.FakeEmbedder;
import dev.askdocs.load.DocumentLoaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several indexer threads, through the {@link Ingestor}, with a real Lucene index. */
class IngestPipelineTest {
  private static final int DOCUMENTS = 40;

  @TempDir Path tmp;
  Path corpus;

  @BeforeEach
  void corpus() throws IOException {
    corpus = corpus(tmp.resolve("corpus"));
  }

  private static Path corpus(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < DOCUMENTS; i++) {
      write(dir, i, "");
    }
    return dir;
  }

  private static void write(Path dir, int i, String extra) throws IOException {
    StringBuilder text = new StringBuilder("Note " + i + "\n\n");
    for (int s = 0; s < 1 + i % 9; s++) {
      text.append("Line ").append(s).append(" of note ").append(i);
      text.append(" mentions subject ").append(i * 13 % 41).append(" in a few more words. ");
    }
    Files.writeString(dir.resolve(String.format("note-%02d.txt", i)), text + extra);
  }

  /** A document as indexed, without the time it was indexed at. */
  record Indexed(String id, String source, String title, String hash, int chunks) {
    static Indexed of(DocumentSummary d) {
      return new Indexed(d.id(), d.source(), d.title(), d.contentHash(), d.chunks());
    }
  }

  /** An index, its documents and cached sentences after each ingest of a run. */
  record Outcome(List<IngestReport> reports, List<Indexed> documents, int chunks, int sentences) {}

  /**
   * Ingests a fresh corpus, then changes some files, adds one, removes one, and ingests again; the
   * clock moves a commit interval on each reading, so that the indexers commit after every batch.
   */
  private Outcome ingestTwice(String name, int indexers) throws IOException {
    Path dir = corpus(tmp.resolve(name + "-corpus"));
    FakeEmbedder model = new FakeEmbedder(n -> {});
    Chunker chunker = new Chunker(model::countTokens, model.maxTokens(), 1);
    try (LuceneChunkIndex index = LuceneChunkIndex.open(tmp.resolve(name), "fake", 4);
        LuceneVectorCache sentences =
            LuceneVectorCache.open(tmp.resolve(name + "-sentences"), "fake", 4)) {
      Ingestor ingestor =
          new Ingestor(
              DocumentLoaders.standard(),
              chunker,
              model,
              index,
              index,
              new CommitEveryTime(),
              false,
              sentences,
              indexers,
              0);
      IngestReport first = ingestor.ingest(dir);
      for (int i = 0; i < 6; i++) {
        write(dir, i * 5, "A later paragraph about subject " + i + ".");
      }
      write(dir, DOCUMENTS, "");
      Files.delete(dir.resolve("note-07.txt"));
      IngestReport second = ingestor.ingest(dir);
      return new Outcome(
          List.of(first, second),
          index.documents().stream().map(Indexed::of).toList(),
          index.stats().chunks(),
          sentences.size());
    }
  }

  @Test
  void four_indexers_index_the_same_documents_chunks_and_counts_as_one() throws IOException {
    Outcome one = ingestTwice("one", 1);
    Outcome four = ingestTwice("four", 4);

    assertThat(one.documents()).hasSize(DOCUMENTS);
    assertThat(four.documents()).isEqualTo(one.documents());
    assertThat(four.chunks()).isEqualTo(one.chunks()).isGreaterThan(DOCUMENTS);
    assertThat(four.sentences()).isEqualTo(one.sentences()).isPositive();

    IngestReport first = four.reports().get(0);
    assertThat(first.added()).isEqualTo(DOCUMENTS);
    IngestReport second = four.reports().get(1);
    assertThat(second.added()).isEqualTo(1);
    assertThat(second.updated()).isEqualTo(6);
    assertThat(second.deleted()).isEqualTo(1);
    for (int run = 0; run < 2; run++) {
      IngestReport a = one.reports().get(run);
      IngestReport b = four.reports().get(run);
      assertThat(b.added()).as("added, run %d", run).isEqualTo(a.added());
      assertThat(b.updated()).as("updated, run %d", run).isEqualTo(a.updated());
      assertThat(b.unchanged()).as("unchanged, run %d", run).isEqualTo(a.unchanged());
      assertThat(b.deleted()).as("deleted, run %d", run).isEqualTo(a.deleted());
      assertThat(b.chunksEmbedded())
          .as("chunks embedded, run %d", run)
          .isEqualTo(a.chunksEmbedded());
    }
  }

  @Test
  void several_indexers_upsert_at_the_same_time() {
    FakeEmbedder model = new FakeEmbedder(n -> {});
    Chunker chunker = new Chunker(model::countTokens, model.maxTokens(), 1);
    try (LuceneChunkIndex lucene = LuceneChunkIndex.open(tmp.resolve("index"), "fake", 4)) {
      // The first upsert waits for a second one to start: with a single indexer it would wait in
      // vain and the test fail, with several the next batch's indexer comes along.
      CountDownLatch two = new CountDownLatch(2);
      AtomicInteger overlapped = new AtomicInteger();
      ChunkWriter index =
          new Wrapped(lucene) {
            @Override
            public void upsert(IndexedDocument d, List<Chunk> chunks, List<float[]> vectors) {
              two.countDown();
              try {
                if (two.await(10, TimeUnit.SECONDS)) {
                  overlapped.incrementAndGet();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              super.upsert(d, chunks, vectors);
            }
          };
      Ingestor ingestor =
          new Ingestor(
              DocumentLoaders.standard(),
              chunker,
              model,
              index,
              lucene,
              Clock.systemUTC(),
              false,
              null,
              4,
              0);
      IngestReport report =
          assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ingestor.ingest(corpus));
      assertThat(report.added()).isEqualTo(DOCUMENTS);
      assertThat(overlapped.get()).isEqualTo(DOCUMENTS);
    }
  }

  @Test
  void a_failed_upsert_on_one_of_several_indexers_fails_the_run_without_hanging() {
    FakeEmbedder model = new FakeEmbedder(n -> {});
    Chunker chunker = new Chunker(model::countTokens, model.maxTokens(), 1);
    try (LuceneChunkIndex lucene = LuceneChunkIndex.open(tmp.resolve("index"), "fake", 4)) {
      AtomicInteger upserts = new AtomicInteger();
      ChunkWriter index =
          new Wrapped(lucene) {
            @Override
            public void upsert(IndexedDocument d, List<Chunk> chunks, List<float[]> vectors) {
              if (upserts.incrementAndGet() == 5) {
                throw new IllegalStateException("disk on fire");
              }
              super.upsert(d, chunks, vectors);
            }
          };
      Ingestor ingestor =
          new Ingestor(
              DocumentLoaders.standard(),
              chunker,
              model,
              index,
              lucene,
              Clock.systemUTC(),
              false,
              null,
              4,
              0);
      // The limit only keeps a hang from stalling the build; it is not a timing assertion.
      assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () ->
              assertThatThrownBy(() -> ingestor.ingest(corpus))
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessage("disk on fire"));
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .as("every indexer thread has ended")
        .noneMatch(t -> t.getName().startsWith("ingest-index") && t.isAlive());
  }

  @Test
  void refuses_fewer_than_one_indexer() {
    FakeEmbedder model = new FakeEmbedder(n -> {});
    Chunker chunker = new Chunker(model::countTokens, model.maxTokens(), 1);
    try (LuceneChunkIndex index = LuceneChunkIndex.open(tmp.resolve("index"), "fake", 4)) {
      assertThatThrownBy(
              () ->
                  new Ingestor(
                      DocumentLoaders.standard(),
                      chunker,
                      model,
                      index,
                      index,
                      Clock.systemUTC(),
                      false,
                      null,
                      0,
                      0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** A clock that moves one commit interval each time it is read. */
  private static final class CommitEveryTime extends Clock {
    private final AtomicLong millis = new AtomicLong();

    @Override
    public long millis() {
      return millis.addAndGet(IngestPipeline.COMMIT_INTERVAL_MS);
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  /** A real index's writer with one method to override: a fault or a gate, not a mock. */
  private static class Wrapped implements ChunkWriter {
    private final ChunkWriter index;

    Wrapped(ChunkWriter index) {
      this.index = index;
    }

    @Override
    public void upsert(IndexedDocument document, List<Chunk> chunks, List<float[]> vectors) {
      index.upsert(document, chunks, vectors);
    }

    @Override
    public void delete(String documentId) {
      index.delete(documentId);
    }

    @Override
    public void commit() {
      index.commit();
    }

    @Override
    public WriteLease claimWriter() {
      return index.claimWriter();
    }
  }
}
