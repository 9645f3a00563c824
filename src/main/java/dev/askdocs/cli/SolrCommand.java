package dev.askdocs.cli;

import dev.askdocs.BadInputException;
import dev.askdocs.config.Config;
import dev.askdocs.config.IndexSettings;
import dev.askdocs.embed.OnnxMiniLmEmbedder;
import dev.askdocs.index.solr.SolrCollections;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code askdocs solr ...}: setting up a SolrCloud collection for {@code ASKDOCS_INDEX=solr}. */
@Command(
    name = "solr",
    mixinStandardHelpOptions = true,
    description = "Set up the SolrCloud collection that ASKDOCS_INDEX=solr uses.",
    subcommands = {SolrCommand.Init.class})
final class SolrCommand {
  @CommandLine.ParentCommand Cli parent;

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Upload askdocs' configset and create the collection with the given shards and replicas.",
        "Idempotent: an existing collection built with the same embedding model is left as it is;"
            + " one built with another model or vector dimension is refused."
      })
  static final class Init implements Callable<Integer> {
    @CommandLine.ParentCommand SolrCommand solr;

    @Option(
        names = "--solr-urls",
        split = ",",
        description = "Solr node URLs, e.g. http://localhost:8983/solr (ASKDOCS_SOLR_URLS).")
    List<String> urls;

    @Option(
        names = "--collection",
        description = "Collection name (ASKDOCS_SOLR_COLLECTION, default askdocs).")
    String collection;

    @Option(names = "--shards", defaultValue = "1", description = "Shards (default: 1).")
    int shards;

    @Option(
        names = "--replicas",
        defaultValue = "1",
        description = "Replicas of each shard (default: 1).")
    int replicas;

    @Override
    public Integer call() {
      Config c = solr.parent.config();
      List<URI> nodes =
          urls != null ? IndexSettings.urls(String.join(",", urls)) : c.index().solrUrls();
      if (nodes.isEmpty()) {
        throw new BadInputException(
            "missing_field", "solr-urls", "give --solr-urls or set ASKDOCS_SOLR_URLS");
      }
      if (shards < 1 || replicas < 1) {
        throw new BadInputException(
            "out_of_range", "shards", "--shards and --replicas must be at least 1");
      }
      String name =
          IndexSettings.solr(nodes, collection != null ? collection : c.index().solrCollection())
              .solrCollection();
      String model = c.embeddingModel().id();
      SolrCollections.InitResult r =
          SolrCollections.init(nodes, name, shards, replicas, model, OnnxMiniLmEmbedder.DIMENSION);
      System.out.println(
          r == SolrCollections.InitResult.CREATED
              ? String.format(
                  "created collection %s (%d shards × %d replicas, %s, %d-dimensional vectors)",
                  name, shards, replicas, model, OnnxMiniLmEmbedder.DIMENSION)
              : String.format("collection %s exists already, built with %s", name, model));
      return 0;
    }
  }
}
