package dev.askdocs.bench;

import dev.askdocs.config.EmbeddingModelName;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one bench run measures and on what.
 *
 * @param quick the reduced form for CI: tiny inputs, every figure still produced
 * @param workDir where corpora, indexes and the embedding cache are kept between runs
 * @param corpusJsonl BEIR corpus (SciFact) whose abstracts are the real text
 * @param queriesJsonl BEIR queries: the questions asked
 * @param seedCorpus the repository's own corpus folder, for start-up on the seed corpus
 * @param tiers index sizes in chunks for the scale, ask and start-up measurements
 * @param uniqueVectors chunks of a tier that get their own real embedding; the rest are copies
 * @param ingestDocuments SciFact abstracts ingested by the ingest measurement
 * @param rounds alternating repetitions of each side-by-side comparison; medians are reported
 * @param quantizedVectors build tier indexes with scalar-quantized HNSW
 * @param compareQuantized also build each tier in the other vector format and measure both
 * @param model the embedding model of the pipeline and the server
 * @param chunkOverlap sentences shared by consecutive chunks, as the app uses
 * @param titleInEmbedding whether chunks are embedded with their document title, as the app does
 * @param fusionCandidates BM25 and vector candidates before fusion, as the app uses
 * @param fusion how BM25 and vector results are fused, as the app is configured
 * @param sections which measurements to run: embed, ingest, scale, ask, startup, peer
 * @param serverJvmArgs JVM options of the servers launched for start-up and ask, such as -Xmx2g
 * @param solrUrls SolrCloud nodes for the solr section, which runs only when some are given
 * @param pooledSentenceVectors ingests take sentence vectors from the chunks' model runs, as the
 *     app does with {@code ASKDOCS_SENTENCE_VECTORS=pooled}
 */
public record BenchOptions(
    boolean quick,
    Path workDir,
    Path corpusJsonl,
    Path queriesJsonl,
    Path seedCorpus,
    List<Integer> tiers,
    int uniqueVectors,
    int ingestDocuments,
    int rounds,
    boolean quantizedVectors,
    boolean compareQuantized,
    EmbeddingModelName model,
    int chunkOverlap,
    boolean titleInEmbedding,
    int fusionCandidates,
    dev.askdocs.retrieve.Fusion fusion,
    Set<String> sections,
    List<String> serverJvmArgs,
    List<java.net.URI> solrUrls,
    boolean pooledSentenceVectors) {

  public static final Set<String> ALL_SECTIONS =
      Set.of("embed", "ingest", "scale", "ask", "startup", "peer", "solr");

  public BenchOptions {
    tiers = List.copyOf(tiers);
    sections = Set.copyOf(sections);
    serverJvmArgs = List.copyOf(serverJvmArgs);
    solrUrls = List.copyOf(solrUrls);
    if (!ALL_SECTIONS.containsAll(sections)) {
      throw new IllegalArgumentException("sections must be among " + ALL_SECTIONS);
    }
  }

  boolean runs(String section) {
    if (section.equals("solr") && solrUrls.isEmpty()) {
      return false;
    }
    return sections.contains(section);
  }

  /** Questions per concurrency level, and so on: a few for CI, hundreds otherwise. */
  int questions(int full, int quick) {
    return quick() ? quick : full;
  }

  /** "10k", "100k", "1m": how tiers are named in keys. */
  static String label(int chunks) {
    if (chunks >= 1_000_000 && chunks % 1_000_000 == 0) {
      return chunks / 1_000_000 + "m";
    }
    if (chunks >= 1000 && chunks % 1000 == 0) {
      return chunks / 1000 + "k";
    }
    return Integer.toString(chunks);
  }

  /** Parses "10k", "100k", "1m" or a plain number. */
  public static int parseTier(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    if (t.endsWith("m")) {
      return Integer.parseInt(t.substring(0, t.length() - 1)) * 1_000_000;
    }
    if (t.endsWith("k")) {
      return Integer.parseInt(t.substring(0, t.length() - 1)) * 1000;
    }
    return Integer.parseInt(t);
  }
}
