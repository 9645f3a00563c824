package dev.askdocs.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askdocs.index.ChunkIndex;
import dev.askdocs.index.ChunkIndexContract;
import dev.askdocs.index.IndexLockedException;
import dev.askdocs.index.IndexMismatchException;
import dev.askdocs.index.WriteLease;
import java.net.URI;
import java.util.List;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on a 2-shard × 2-replica SolrCloud collection, and what only the Solr index does:
 * set-up by {@code askdocs solr init}, the model check, the single-ingester lease.
 */
class SolrChunkIndexIT extends ChunkIndexContract {
  private static final String COLLECTION = "contract";
  private static List<URI> urls;

  @BeforeAll
  static void createCollection() {
    urls = SolrTestCluster.shared().nodes();
    SolrCollections.init(urls, COLLECTION, 2, 2, "test-model", 4);
  }

  @Override
  protected ChunkIndex open() {
    // One collection for the class, emptied for each test (creating one takes seconds).
    try (SolrNodes nodes = new SolrNodes(urls)) {
      UpdateRequest clear = new UpdateRequest();
      clear.deleteByQuery("kind:(document OR chunk OR lock)");
      clear.setAction(UpdateRequest.ACTION.COMMIT, true, true);
      nodes.send(clear, COLLECTION);
    }
    return SolrChunkIndex.open(urls, COLLECTION, "test-model", 4);
  }

  @Test
  void init_is_idempotent_and_refuses_another_model_or_dimension() {
    assertThat(SolrCollections.init(urls, COLLECTION, 2, 2, "test-model", 4))
        .isEqualTo(SolrCollections.InitResult.EXISTED);
    assertThatThrownBy(() -> SolrCollections.init(urls, COLLECTION, 2, 2, "model-b", 4))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessageContaining("test-model")
        .hasMessageContaining("model-b");
    assertThatThrownBy(() -> SolrCollections.init(urls, COLLECTION, 2, 2, "test-model", 8))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessageContaining("4-dimensional");
    assertThatThrownBy(() -> SolrChunkIndex.open(urls, COLLECTION, "model-b", 4))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessageContaining("ASKDOCS_EMBEDDING_MODEL=test-model");
  }

  @Test
  void opening_a_collection_that_was_never_initialised_says_how_to_create_it() {
    assertThatThrownBy(() -> SolrChunkIndex.open(urls, "nowhere", "test-model", 4))
        .hasMessageContaining("askdocs solr init");
  }

  @Test
  void a_second_concurrent_ingester_is_refused_until_the_first_is_done() {
    try (ChunkIndex first = open();
        ChunkIndex second = SolrChunkIndex.open(urls, COLLECTION, "test-model", 4)) {
      try (WriteLease lease = first.claimWriter()) {
        assertThatThrownBy(second::claimWriter)
            .isInstanceOf(IndexLockedException.class)
            .hasMessageContaining("being ingested by");
      }
      try (WriteLease lease = second.claimWriter()) {
        assertThat(lease).isNotNull();
      }
    }
  }

  @Test
  void a_document_lives_on_one_shard_and_every_replica_holds_its_shard() {
    try (SolrChunkIndex index = (SolrChunkIndex) open()) {
      for (int d = 0; d < 20; d++) {
        String id = "d" + d;
        index.upsert(
            doc(id, "x", "h", 3),
            List.of(chunk(id, 0, "one"), chunk(id, 1, "two"), chunk(id, 2, "three")),
            List.of(unit(1, d, 0, 0), unit(0, 1, d, 0), unit(0, 0, 1, d)));
      }
      index.commit();
      // 20 documents of 4 records each, plus the metadata record, over two shards of two replicas.
      List<Long> counts = List.copyOf(index.replicaCounts().values());
      assertThat(counts).hasSize(4);
      assertThat(counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(2 * (20 * 4 + 1));
      // Whole documents per shard: every replica's count is 4 per document, plus the metadata.
      assertThat(counts).allSatisfy(c -> assertThat(c % 4 == 0 || (c - 1) % 4 == 0).isTrue());
      assertThat(counts).doesNotContain(0L);
    }
  }
}
