package dev.askdocs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental ingest with the real model and a real Lucene index on disk. */
class IncrementalIngestIT {
  @TempDir Path tmp;
  Path corpus;
  App app;

  @BeforeEach
  void open() {
    corpus = TestCorpus.withSeed(tmp.resolve("corpus"));
    app =
        App.open(
            Config.builder()
                .set(Config.CORPUS_DIR, corpus)
                .set(Config.INDEX_DIR, tmp.resolve("index"))
                .build(),
            false);
  }

  @AfterEach
  void close() {
    app.close();
  }

  private List<String> search(String q) {
    return app.answerer().ask(q, 5).retrieval().passages().stream()
        .map(p -> p.chunk().text())
        .toList();
  }

  @Test
  void unchanged_corpus_embeds_nothing() {
    IngestReport first = app.ingest(corpus);
    assertThat(first.added()).isEqualTo(1);
    assertThat(first.chunksEmbedded()).isPositive();
    IngestReport second = app.ingest(corpus);
    assertThat(second.chunksEmbedded()).isZero();
    assertThat(second.unchanged()).isEqualTo(1);
    assertThat(second.added() + second.updated() + second.deleted()).isZero();
  }

  @Test
  void edited_file_replaces_its_old_chunks() throws Exception {
    Files.writeString(
        corpus.resolve("notes.md"),
        "# Garden notes\n\nThe tomatoes were planted on the north terrace.\n");
    app.ingest(corpus);
    assertThat(search("tomatoes planted terrace")).anyMatch(t -> t.contains("tomatoes"));

    Files.writeString(
        corpus.resolve("notes.md"),
        "# Garden notes\n\nThe cucumbers were planted beside the shed.\n");
    IngestReport r = app.ingest(corpus);
    assertThat(r.updated()).isEqualTo(1);
    assertThat(r.unchanged()).isEqualTo(1);
    assertThat(search("tomatoes planted terrace")).noneMatch(t -> t.contains("tomatoes"));
    assertThat(search("cucumbers shed")).anyMatch(t -> t.contains("cucumbers"));
  }

  @Test
  void deleted_file_disappears_from_search_and_answers() throws Exception {
    Files.writeString(
        corpus.resolve("zebra.txt"),
        "Zebra facts\n\nThe zebra Marty lives at the Central Park Zoo.\n");
    app.ingest(corpus);
    assertThat(app.answerer().ask("Where does the zebra Marty live?", 5).answer().text())
        .contains("Central Park Zoo");

    Files.delete(corpus.resolve("zebra.txt"));
    IngestReport r = app.ingest(corpus);
    assertThat(r.deleted()).isEqualTo(1);
    assertThat(search("zebra Marty Central Park Zoo")).noneMatch(t -> t.contains("zebra"));
    var answer = app.answerer().ask("Where does the zebra Marty live?", 5).answer();
    assertThat(answer.abstained()).isTrue();
  }

  @Test
  void unreadable_files_are_skipped_and_reported_while_the_rest_is_indexed() throws Exception {
    Files.write(corpus.resolve("broken.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog".getBytes());
    Files.writeString(corpus.resolve("empty.txt"), "");
    Files.write(corpus.resolve("program.exe"), new byte[] {0x4d, 0x5a, 0, 0});
    Files.writeString(
        corpus.resolve("ok.md"), "# Okay\n\nThis file is fine and mentions gooseberries.\n");
    Files.writeString(corpus.resolve(".hidden.txt"), "Not a document.\n");

    IngestReport r = app.ingest(corpus);
    assertThat(r.added()).isEqualTo(2);
    assertThat(r.skipped())
        .extracting(IngestReport.SkippedFile::source)
        .containsExactlyInAnyOrder("broken.pdf", "empty.txt", "program.exe");
    assertThat(r.skipped()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
    assertThat(r.skipped())
        .filteredOn(s -> s.source().equals("empty.txt"))
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("empty"));
    assertThat(search("gooseberries")).anyMatch(t -> t.contains("gooseberries"));
  }

  @Test
  void documents_in_subfolders_keep_their_relative_source_path() throws Exception {
    Files.createDirectories(corpus.resolve("team/handbook"));
    Files.writeString(
        corpus.resolve("team/handbook/leave.txt"),
        "Leave policy\n\nEmployees get 30 days of paid leave.\n");
    app.ingest(corpus);
    var passages = app.answerer().ask("How many days of paid leave?", 5).retrieval().passages();
    assertThat(passages)
        .anySatisfy(p -> assertThat(p.source()).isEqualTo("team/handbook/leave.txt"));
  }
}
