package dev.askdocs.access;

import dev.askdocs.config.Config;
import dev.askdocs.config.IndexSettings;
import dev.askdocs.index.solr.SolrCollections;
import dev.askdocs.index.solr.SolrTestCluster;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** {@link CollectionLeakContract} on a SolrCloud collection: the filter is Solr's fq. */
class SolrCollectionLeakIT extends CollectionLeakContract {
  @Override
  Config backend(Config config, Path tmp) {
    List<URI> urls = SolrTestCluster.shared().nodes();
    SolrCollections.init(
        urls,
        "leak",
        2,
        1,
        config.embeddingModel().id(),
        dev.askdocs.embed.OnnxMiniLmEmbedder.DIMENSION);
    return config.toBuilder()
        .set(IndexSettings.BACKEND, "solr")
        .set(IndexSettings.SOLR_URLS, urls)
        .set(IndexSettings.SOLR_COLLECTION, "leak")
        .build();
  }
}
