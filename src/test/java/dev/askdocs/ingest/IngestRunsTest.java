package dev.askdocs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.chunk.Chunker;
import dev.askdocs.index.DocumentSummary;
import dev.askdocs.index.lucene.LuceneChunkIndex;
import dev.askdocs.load.DocumentLoaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index's one writer: progress while an ingest runs, the lock it holds, unsettled files. */
class IngestRunsTest {
  @TempDir Path tmp;
  Path corpus;
  LuceneChunkIndex index;

  @BeforeEach
  void corpus() throws IOException {
    corpus = Files.createDirectories(tmp.resolve("corpus"));
    for (int i = 0; i < 60; i++) {
      Files.writeString(
          corpus.resolve(String.format("doc-%02d.txt", i)),
          "Document " + i + "\n\nSentence one of document " + i + ". Sentence two, longer.");
    }
    index = LuceneChunkIndex.open(tmp.resolve("index"), "fake", 4);
  }

  @AfterEach
  void close() {
    index.close();
  }

  IngestRuns runs(IntConsumer onModelCall) {
    IngestorTest.FakeEmbedder model = new IngestorTest.FakeEmbedder(onModelCall);
    Chunker chunker = new Chunker(model::countTokens, model.maxTokens(), 1);
    Ingestor ingestor =
        new Ingestor(DocumentLoaders.standard(), chunker, model, index, Clock.systemUTC(), false);
    return new IngestRuns(ingestor, corpus, Clock.systemUTC());
  }

  @Test
  void shows_progress_and_holds_the_writer_while_an_ingest_runs() {
    AtomicReference<IngestRuns> self = new AtomicReference<>();
    AtomicReference<IngestProgress.Status> seen = new AtomicReference<>();
    AtomicReference<Boolean> otherWriterGotIn = new AtomicReference<>();
    IngestRuns runs =
        runs(
            call -> {
              if (call == 1) {
                seen.set(self.get().progress().orElseThrow());
                // An upload takes the same lock: from another thread it must not get in now.
                otherWriterGotIn.set(
                    CompletableFuture.supplyAsync(
                            () -> {
                              boolean got = self.get().writer().tryLock();
                              if (got) {
                                self.get().writer().unlock();
                              }
                              return got;
                            })
                        .join());
              }
            });
    self.set(runs);
    assertThat(runs.progress()).isEmpty();
    IngestReport report = runs.run(IngestRuns.WATCH, file -> true);
    assertThat(report.added()).isEqualTo(60);
    assertThat(seen.get().trigger()).isEqualTo("watch");
    assertThat(seen.get().phase()).isEqualTo("indexing");
    assertThat(seen.get().filesTotal()).isEqualTo(60);
    assertThat(seen.get().filesDone()).isBetween(0, 60);
    assertThat(otherWriterGotIn.get()).isFalse();
    assertThat(runs.progress()).isEmpty();
    assertThat(runs.last()).contains(report);
    assertThat(runs.writer().tryLock()).isTrue();
    runs.writer().unlock();
    runs.close();
  }

  @Test
  void a_file_not_settled_keeps_its_indexed_version_and_a_new_one_waits() throws IOException {
    IngestRuns runs = runs(call -> {});
    runs.run(IngestRuns.STARTUP, file -> true);
    Map<String, String> before = hashes();
    Path edited = corpus.resolve("doc-07.txt");
    Path added = corpus.resolve("doc-new.txt");
    Files.writeString(edited, "Document 7\n\nRewritten while still being copied");
    Files.writeString(added, "Half a new docu");
    IngestReport r =
        runs.run(IngestRuns.WATCH, file -> !file.equals(edited) && !file.equals(added));
    assertThat(r.updated()).isZero();
    assertThat(r.added()).isZero();
    assertThat(r.deleted()).isZero();
    assertThat(hashes()).isEqualTo(before);

    IngestReport settled = runs.run(IngestRuns.WATCH, file -> true);
    assertThat(settled.updated()).isEqualTo(1);
    assertThat(settled.added()).isEqualTo(1);
    assertThat(hashes().get("doc-07.txt")).isNotEqualTo(before.get("doc-07.txt"));
    runs.close();
  }

  @Test
  void requests_made_before_one_starts_share_it_and_report_when_done() {
    IngestRuns runs = runs(call -> {});
    IngestRequest first = runs.request();
    IngestRequest second = runs.request();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> first.state() == IngestRequest.State.DONE);
    assertThat(first.view().report().added()).isEqualTo(60);
    // The second either shared the first (not started yet) or ran after it, finding no change.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> second.state() == IngestRequest.State.DONE);
    if (second == first) {
      assertThat(second.id()).isEqualTo(first.id());
    } else {
      assertThat(second.view().report().added()).isZero();
      assertThat(second.view().report().unchanged()).isEqualTo(60);
    }
    assertThat(runs.request(second.id())).isPresent();
    assertThat(runs.request(second.id() + 1)).isEmpty();
    runs.close();
  }

  Map<String, String> hashes() {
    return index.documents().stream()
        .collect(Collectors.toMap(DocumentSummary::source, DocumentSummary::contentHash));
  }
}
