package dev.askdocs.index.solr;

import dev.askdocs.index.ChunkFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.util.ClientUtils;

/** A {@link ChunkFilter} as Solr filter queries, with every user value escaped. */
final class SolrFilters {
  private SolrFilters() {}

  /** The filter queries; none when {@code filter} passes everything. */
  static List<String> of(ChunkFilter filter) {
    List<String> fqs = new ArrayList<>();
    if (!filter.sourcePrefixes().isEmpty()) {
      // Prefix queries on the untokenised path, every query character escaped.
      fqs.add(
          filter.sourcePrefixes().stream()
              .map(prefix -> SolrRecords.SOURCE + ":" + ClientUtils.escapeQueryChars(prefix) + "*")
              .collect(Collectors.joining(" OR ", "{!lucene}", "")));
    }
    if (!filter.documentIds().isEmpty()) {
      // Document ids are hex digests: no separator can occur in them.
      fqs.add(
          "{!terms f="
              + SolrRecords.DOC_ID
              + "}"
              + String.join(",", filter.documentIds().stream().sorted().toList()));
    }
    if (!filter.collections().isEmpty()) {
      fqs.add(collections(filter.collections()));
    }
    return fqs;
  }

  /**
   * Records in one of these collections; one written before collections existed has none and
   * belongs to {@code default}.
   */
  static String collections(java.util.Collection<String> names) {
    String named =
        SolrRecords.COLLECTION
            + ":("
            + names.stream()
                .sorted()
                .map(ClientUtils::escapeQueryChars)
                .collect(Collectors.joining(" OR "))
            + ")";
    return names.contains(dev.askdocs.index.IndexedDocument.DEFAULT_COLLECTION)
        ? "{!lucene}" + named + " OR (*:* -" + SolrRecords.COLLECTION + ":[* TO *])"
        : "{!lucene}" + named;
  }
}
