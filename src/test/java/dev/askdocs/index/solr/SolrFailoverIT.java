package dev.askdocs.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.config.Config;
import dev.askdocs.config.IndexSettings;
import dev.askdocs.embed.OnnxMiniLmEmbedder;
import dev.askdocs.ingest.IngestReport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Solr node goes down while askdocs answers: every question is still answered (the other node
 * holds a replica of every shard, and the client fails over to it), an ingest while the node is
 * down succeeds, and once the node is back its replicas catch up, so every replica of a shard holds
 * the same records.
 */
class SolrFailoverIT {
  private static final String COLLECTION = "failover";

  @TempDir Path tmp;

  @Test
  void answers_every_question_while_a_node_is_down_and_replicas_agree_after_it_returns()
      throws Exception {
    SolrTestCluster cluster = SolrTestCluster.shared();
    List<URI> urls = cluster.nodes();
    String model = Config.defaults().embeddingModel().id();
    SolrCollections.init(urls, COLLECTION, 2, 2, model, OnnxMiniLmEmbedder.DIMENSION);
    Path corpus = TestCorpus.withSeed(tmp.resolve("corpus"));
    List<String[]> questions =
        TestCorpus.lines("/questions/seed-answerable.tsv").stream()
            .map(l -> l.split("\t"))
            .toList();
    // Node 0 first: once it is down, every request must fail over to node 1.
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, corpus)
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(IndexSettings.BACKEND, "solr")
            .set(IndexSettings.SOLR_URLS, urls)
            .set(IndexSettings.SOLR_COLLECTION, COLLECTION)
            .build();

    try (App app = App.open(config, false)) {
      assertThat(app.ingest(corpus).added()).isEqualTo(1);
      int answered = 0;
      boolean stopped = false;
      try {
        for (int i = 0; i < 100; i++) {
          if (i == 30) {
            cluster.stopNode(0);
            stopped = true;
          }
          String[] q = questions.get(i % questions.size());
          QuestionAnswerer.Result r = app.answerer().ask(q[0], 5);
          assertThat(r.answer().text()).as(q[0]).contains(q[1]);
          answered++;
        }
        assertThat(answered).isEqualTo(100);

        Files.writeString(
            corpus.resolve("zebra.txt"), "Zebra facts\n\nThe zebra Marty lives at the zoo.\n");
        IngestReport whileDown = app.ingest(corpus);
        assertThat(whileDown.added()).isEqualTo(1);
        assertThat(app.answerer().ask("Where does the zebra Marty live?", 5).answer().text())
            .contains("zoo");
      } finally {
        if (stopped) {
          cluster.startNode(0);
        }
      }
    }

    try (SolrChunkIndex index = SolrChunkIndex.open(urls, COLLECTION, model, 384)) {
      Map<String, List<Long>> byShard = awaitAllReplicasAgree(index, urls);
      assertThat(byShard).hasSize(2);
      assertThat(byShard.values()).allSatisfy(counts -> assertThat(counts).hasSize(2));
      assertThat(index.stats().documents()).isEqualTo(2);
    }
  }

  /** Counts per shard, once all four replicas are active and each shard's replicas agree. */
  private static Map<String, List<Long>> awaitAllReplicasAgree(
      SolrChunkIndex index, List<URI> urls) {
    return await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .alias("replicas recover and agree")
        .until(
            () -> {
              Map<String, List<Long>> byShard = new TreeMap<>();
              for (Map.Entry<String, Long> e : index.replicaCounts().entrySet()) {
                String shard = e.getKey().substring(0, e.getKey().indexOf("_replica"));
                byShard.computeIfAbsent(shard, s -> new java.util.ArrayList<>()).add(e.getValue());
              }
              return byShard;
            },
            byShard ->
                byShard.values().stream().mapToInt(List::size).sum() == 4
                    && byShard.values().stream().allMatch(c -> c.stream().distinct().count() == 1));
  }
}
