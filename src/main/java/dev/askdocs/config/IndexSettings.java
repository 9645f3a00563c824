package dev.askdocs.config;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which index holds the chunks: the embedded Lucene index in {@code Config.indexDir} (the default),
 * or a SolrCloud collection shared by several askdocs processes.
 *
 * @param backend {@code lucene} or {@code solr} ({@code ASKDOCS_INDEX})
 * @param solrUrls base URLs of Solr nodes, e.g. {@code http://solr1:8983/solr}; requests go to the
 *     first that answers ({@code ASKDOCS_SOLR_URLS}, comma-separated)
 * @param solrCollection the collection ({@code ASKDOCS_SOLR_COLLECTION}, default askdocs)
 * @param commitEveryFiles an ingest commits every ten seconds and also, when this is above 0, each
 *     time this many files were indexed since its last commit ({@code ASKDOCS_INGEST_COMMIT_FILES},
 *     default 0): it bounds what a crash makes the next start redo
 * @param vectorBeam candidates each HNSW search of the embedded index gathers before the nearest
 *     are kept ({@code ASKDOCS_VECTOR_BEAM}, default 0: scaled with the index size)
 * @param pooledSentenceVectors an ingest takes the answerer's sentence vectors from each chunk's
 *     own model run ({@code ASKDOCS_SENTENCE_VECTORS=pooled}) rather than a run per sentence
 *     ({@code separate}, the default: pooled vectors misplaced an LLM answer's cited quote)
 */
public record IndexSettings(
    Backend backend,
    List<URI> solrUrls,
    String solrCollection,
    int commitEveryFiles,
    int vectorBeam,
    boolean pooledSentenceVectors) {
  /** Where chunks are kept. */
  public enum Backend {
    LUCENE,
    SOLR
  }

  public static final String DEFAULT_COLLECTION = "askdocs";

  private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,99}");

  public static final Setting BACKEND =
      Setting.of(
          "ASKDOCS_INDEX",
          "lucene",
          "`lucene`: the embedded index in `ASKDOCS_INDEX_DIR`; `solr`: a SolrCloud collection"
              + " ([below](DEPLOYMENT.md#many-machines-solrcloud))",
          c -> c.index().backend().name().toLowerCase(java.util.Locale.ROOT));
  public static final Setting SOLR_URLS =
      Setting.of(
          "ASKDOCS_SOLR_URLS",
          null,
          "Solr node URLs, comma-separated (`http://solr1:8983/solr,http://solr2:8983/solr`);"
              + " requests fail over between them. Needed with `ASKDOCS_INDEX=solr`",
          c -> c.index().solrUrls());
  public static final Setting SOLR_COLLECTION =
      Setting.of(
          "ASKDOCS_SOLR_COLLECTION",
          DEFAULT_COLLECTION,
          "The SolrCloud collection",
          c -> c.index().solrCollection());
  public static final Setting COMMIT_FILES =
      Setting.of(
          "ASKDOCS_INGEST_COMMIT_FILES",
          0,
          "An ingest makes its progress durable every 10 seconds; above 0, also each time this"
              + " many files were indexed since the last commit, which bounds what the next start"
              + " redoes after a crash",
          c -> c.index().commitEveryFiles());
  public static final Setting VECTOR_BEAM =
      Setting.of(
          "ASKDOCS_VECTOR_BEAM",
          0,
          "Candidates each vector search of the embedded index gathers before the nearest are"
              + " kept. 0: as many as asked for up to 200,000 chunks, growing with the index size"
              + " beyond (recall at 1M chunks, [BENCHMARKS.md](BENCHMARKS.md)); a number fixes it"
              + " (never below `ASKDOCS_FUSION_CANDIDATES`)",
          c -> c.index().vectorBeam());
  public static final Setting SENTENCE_VECTORS =
      Setting.of(
          "ASKDOCS_SENTENCE_VECTORS",
          "separate",
          "How an ingest computes the answerer's sentence vectors: `pooled` from each chunk's own"
              + " model run (its token outputs averaged over the sentence), or `separate`, one model"
              + " run per sentence (slower; see docs/EVALUATION.md)",
          c -> c.index().pooledSentenceVectors() ? "pooled" : "separate");
  static final List<Setting> ALL =
      List.of(BACKEND, SOLR_URLS, SOLR_COLLECTION, COMMIT_FILES, VECTOR_BEAM, SENTENCE_VECTORS);

  public IndexSettings {
    solrUrls = List.copyOf(solrUrls);
    if (backend == Backend.SOLR && solrUrls.isEmpty()) {
      throw new ConfigException(
          SOLR_URLS.name(), "must list at least one Solr node URL when ASKDOCS_INDEX=solr");
    }
    if (!COLLECTION.matcher(solrCollection).matches()) {
      throw new ConfigException(
          SOLR_COLLECTION.name(),
          "must be letters, digits, '_', '-' or '.', was '" + solrCollection + "'");
    }
    if (commitEveryFiles < 0) {
      throw new ConfigException(
          COMMIT_FILES.name(), "must be 0 (time only) or more, was " + commitEveryFiles);
    }
    if (vectorBeam < 0 || vectorBeam > 10_000) {
      throw new ConfigException(
          VECTOR_BEAM.name(), "must be 0 (automatic) to 10000, was " + vectorBeam);
    }
  }

  /** The embedded Lucene index. */
  public static IndexSettings defaults() {
    return fromEnv(new EnvReader(java.util.Map.of()));
  }

  /** A SolrCloud collection reached through {@code urls}. */
  public static IndexSettings solr(List<URI> urls, String collection) {
    return new IndexSettings(Backend.SOLR, urls, collection, 0, 0, false);
  }

  static IndexSettings fromEnv(EnvReader r) {
    List<URI> urls = r.value(SOLR_URLS, IndexSettings::urls);
    return new IndexSettings(
        r.value(BACKEND, IndexSettings::backend),
        urls == null ? List.of() : urls,
        r.string(SOLR_COLLECTION),
        r.integer(COMMIT_FILES),
        r.integer(VECTOR_BEAM),
        r.value(SENTENCE_VECTORS, IndexSettings::pooled));
  }

  private static boolean pooled(String raw) {
    return switch (raw.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "pooled" -> true;
      case "separate" -> false;
      default -> throw new IllegalArgumentException("must be pooled or separate");
    };
  }

  private static Backend backend(String raw) {
    return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
      case "lucene" -> Backend.LUCENE;
      case "solr" -> Backend.SOLR;
      default -> throw new IllegalArgumentException("must be lucene or solr");
    };
  }

  /** Comma-separated http(s) URLs, without a trailing slash. */
  public static List<URI> urls(String raw) {
    return Arrays.stream(raw.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(
            s -> {
              URI u;
              try {
                u = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + s + "' is not a URL");
              }
              if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())
                  || u.getHost() == null) {
                throw new IllegalArgumentException(
                    "'" + s + "' is not an http(s) URL such as http://localhost:8983/solr");
              }
              return u;
            })
        .toList();
  }
}
