package dev.askdocs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import dev.askdocs.config.IndexSettings;
import dev.askdocs.index.solr.SolrTestCluster;
import dev.askdocs.retrieve.ScoredChunk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same corpus ingested into the embedded index and into a 2-shard × 2-replica SolrCloud
 * collection (created by {@code askdocs solr init}) retrieves the same top 5 for every question,
 * with the real model: the configset analyses like Lucene's EnglishAnalyzer, BM25 uses the
 * collection's statistics on every shard, and fusion happens on the client over the global lists.
 * Then the collection is backed up and restored under another name with Solr's own collection
 * BACKUP and RESTORE, the way docs/DEPLOYMENT.md tells operators to, and the restored collection
 * retrieves the same again.
 */
class SolrParityIT {
  @TempDir Path tmp;

  @Test
  void both_backends_return_the_same_top_five_and_a_solr_backup_restores_it() throws Exception {
    Path corpus = TestCorpus.withSeed(tmp.resolve("corpus"));
    Files.copy(Path.of("src/test/resources/fixtures/guide.md"), corpus.resolve("guide.md"));
    List<URI> urls = SolrTestCluster.shared().nodes();
    String nodes = urls.stream().map(URI::toString).collect(Collectors.joining(","));
    int exit =
        Main.run(
            new String[] {
              "solr",
              "init",
              "--solr-urls",
              nodes,
              "--collection",
              "parity",
              "--shards",
              "2",
              "--replicas",
              "2"
            },
            Map.of());
    assertThat(exit).isZero();

    List<String> questions = new ArrayList<>();
    TestCorpus.lines("/questions/seed-answerable.tsv")
        .forEach(l -> questions.add(l.split("\t")[0]));
    questions.addAll(TestCorpus.lines("/questions/seed-unanswerable.txt"));
    questions.add("How much memory does the server need?");
    questions.add("Which Java version is required to install askdocs?");

    Config lucene =
        Config.builder()
            .set(Config.CORPUS_DIR, corpus)
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .build();
    Config solr =
        lucene.toBuilder()
            .set(IndexSettings.BACKEND, "solr")
            .set(IndexSettings.SOLR_URLS, urls)
            .set(IndexSettings.SOLR_COLLECTION, "parity")
            .build();
    List<List<ScoredChunk>> fromLucene = topFive(lucene, corpus, questions);
    List<List<ScoredChunk>> fromSolr = topFive(solr, corpus, questions);

    assertSame(questions, fromLucene, fromSolr);

    // As in docs/DEPLOYMENT.md: BACKUP to a location every node can reach, RESTORE elsewhere.
    String location = SolrTestCluster.shared().backups().toString();
    collectionsApi(urls.get(0), "BACKUP", "name=parity-1&collection=parity&location=" + location);
    collectionsApi(
        urls.get(0), "RESTORE", "name=parity-1&collection=parity-restored&location=" + location);
    Config restored =
        solr.toBuilder().set(IndexSettings.SOLR_COLLECTION, "parity-restored").build();
    try (App app = App.open(restored, false)) {
      assertSame(questions, fromSolr, retrieve(app, questions));
    }
  }

  private static void assertSame(
      List<String> questions, List<List<ScoredChunk>> expected, List<List<ScoredChunk>> actual) {
    for (int q = 0; q < questions.size(); q++) {
      List<ScoredChunk> a = expected.get(q);
      List<ScoredChunk> b = actual.get(q);
      assertThat(b).as(questions.get(q)).hasSameSizeAs(a);
      for (int i = 0; i < Math.min(5, a.size()); i++) {
        // The same fused score at every rank (same BM25 statistics, same vectors); the same chunk
        // too, unless two chunks tie, when either order is right.
        assertThat(b.get(i).score())
            .as("%s, rank %d: %s vs %s", questions.get(q), i + 1, a.get(i), b.get(i))
            .isCloseTo(a.get(i).score(), org.assertj.core.data.Offset.offset(1e-4));
        if (!tied(a, i)) {
          assertThat(b.get(i).chunk().id())
              .as("%s, rank %d", questions.get(q), i + 1)
              .isEqualTo(a.get(i).chunk().id());
        }
      }
    }
  }

  /** Whether rank {@code i}'s chunk could trade places with a neighbour at no cost in score. */
  private static boolean tied(List<ScoredChunk> ranked, int i) {
    double s = ranked.get(i).score();
    boolean above = i > 0 && Math.abs(ranked.get(i - 1).score() - s) < 1e-4;
    boolean below = i + 1 < ranked.size() && Math.abs(ranked.get(i + 1).score() - s) < 1e-4;
    return above || below;
  }

  private static List<List<ScoredChunk>> topFive(Config config, Path corpus, List<String> qs) {
    try (App app = App.open(config, false)) {
      assertThat(app.ingest(corpus).added()).isEqualTo(2);
      return retrieve(app, qs);
    }
  }

  private static List<List<ScoredChunk>> retrieve(App app, List<String> qs) {
    List<List<ScoredChunk>> out = new ArrayList<>();
    for (String q : qs) {
      // Six, so that a tie between the 5th and the 6th shows.
      out.add(app.retriever().retrieve(q, 6).passages());
    }
    return out;
  }

  /** One synchronous Collections API call; fails the test unless Solr says it succeeded. */
  private static void collectionsApi(URI node, String action, String params) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            node
                                + "/admin/collections?action="
                                + action
                                + "&"
                                + params
                                + "&wt=json"))
                    .timeout(Duration.ofMinutes(3))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(action + ": " + r.body()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(r.body()).at("/responseHeader/status").asInt(-1))
        .as(action + ": " + r.body())
        .isZero();
  }
}
