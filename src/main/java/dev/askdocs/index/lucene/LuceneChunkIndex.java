package dev.askdocs.index.lucene;

import static dev.askdocs.store.LuceneReads.withSearcher;

import dev.askdocs.AskdocsException;
import dev.askdocs.chunk.Chunk;
import dev.askdocs.index.ChunkFilter;
import dev.askdocs.index.ChunkHit;
import dev.askdocs.index.ChunkIndex;
import dev.askdocs.index.ChunkWriter;
import dev.askdocs.index.DocumentSummary;
import dev.askdocs.index.HybridCandidates;
import dev.askdocs.index.HybridHits;
import dev.askdocs.index.IndexLockedException;
import dev.askdocs.index.IndexMismatchException;
import dev.askdocs.index.IndexStats;
import dev.askdocs.index.IndexedDocument;
import dev.askdocs.index.KeywordStats;
import dev.askdocs.index.WriteLease;
import dev.askdocs.store.LuceneSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded index: one Lucene index on disk holding, per chunk, its text analysed for BM25
 * (English) and its vector in an HNSW graph, plus one record per document with its full text and
 * content hash. One {@link IndexWriter} per process; searches go through a {@link SearcherManager}
 * refreshed after each commit. The embedding model's name and dimension are kept in the commit
 * data, and opening the index with another model is refused.
 *
 * <p>Thread-safe, writes included: {@link IndexWriter} gives each thread that upserts its own
 * in-memory segment and builds that segment's HNSW graph in the upserting thread, so upserts from
 * several threads build their graphs on several cores.
 */
public final class LuceneChunkIndex implements ChunkIndex {
  static final String MODEL_KEY = "askdocs.embedding.model";
  static final String DIMENSION_KEY = "askdocs.embedding.dimension";

  /**
   * The field layout's version, in the commit data. 2: chunks carry {@code sourcePath} for source
   * filters. An index without it (version 1) is re-indexed in place when opened for writing.
   */
  static final String SCHEMA_KEY = "askdocs.index.schema";

  static final int SCHEMA_VERSION = 2;

  private static final Logger LOG = LoggerFactory.getLogger(LuceneChunkIndex.class);

  private final Path path;
  private final Directory directory;
  private final Analyzer analyzer = new EnglishAnalyzer();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final String model;
  private final int dimension;
  private final KeywordQueries keywordQueries;
  private final ExecutorService mergeWorkers;
  private final IndexTuning tuning;
  private volatile ChunkCount chunkCount;

  private LuceneChunkIndex(
      Path path, String model, int dimension, boolean readOnly, IndexTuning tuning)
      throws IOException {
    this.path = path;
    this.model = model;
    this.dimension = dimension;
    this.tuning = tuning;
    this.directory = FSDirectory.open(path);
    this.keywordQueries = new KeywordQueries(analyzer);
    checkModel();
    int schema = builtSchema();
    if (readOnly) {
      this.mergeWorkers = null;
      this.writer = null;
      this.searchers = new SearcherManager(directory, null);
    } else {
      this.mergeWorkers = tuning.mergeWorkerPool();
      IndexWriterConfig cfg = new IndexWriterConfig(analyzer);
      tuning.applyTo(cfg, mergeWorkers);
      // Backups hold the last commit's files while they copy them (see backup).
      cfg.setIndexDeletionPolicy(
          new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy()));
      this.writer = new IndexWriter(directory, cfg);
      writer.setLiveCommitData(
          Map.of(
                  MODEL_KEY,
                  model,
                  DIMENSION_KEY,
                  Integer.toString(dimension),
                  SCHEMA_KEY,
                  Integer.toString(SCHEMA_VERSION))
              .entrySet());
      boolean existed = DirectoryReader.indexExists(directory);
      if (!existed) {
        writer.commit();
      }
      this.searchers = new SearcherManager(writer, null);
      if (existed && schema < SCHEMA_VERSION) {
        upgrade(schema);
      }
    }
    if (readOnly && schema < SCHEMA_VERSION) {
      LOG.warn(
          "the index at {} predates source filters (schema {}); filters by source path match"
              + " nothing until askdocs opens it for writing, which upgrades it",
          path,
          schema);
    }
  }

  /** The schema version of the latest commit; 1 for an index from before versions were kept. */
  private int builtSchema() throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return SCHEMA_VERSION;
    }
    String v = SegmentInfos.readLatestCommit(directory).getUserData().get(SCHEMA_KEY);
    return v == null ? 1 : Integer.parseInt(v);
  }

  /**
   * Rewrites every document from its stored fields and vectors, so that its chunks get the fields
   * the current schema indexes; no embedding is recomputed. Atomic per document, committed at the
   * end; an interrupted upgrade runs again at the next start.
   */
  private void upgrade(int from) {
    List<DocumentSummary> all = documents();
    LOG.info(
        "upgrading the index at {} from schema {} to {}: re-indexing {} documents in place",
        path,
        from,
        SCHEMA_VERSION,
        all.size());
    for (DocumentSummary s : all) {
      Optional<IndexedDocument> d = document(s.id());
      if (d.isEmpty()) {
        continue; // listed a moment ago, and nothing else writes: cannot happen, nothing to do
      }
      List<Chunk> chunks = new ArrayList<>();
      List<float[]> vectors = new ArrayList<>();
      withSearcher(
          searchers,
          searcher -> {
            VectorScan.chunksOf(
                searcher,
                s.id(),
                (hit, vector) -> {
                  chunks.add(hit.chunk());
                  vectors.add(vector);
                });
            return null;
          });
      upsert(d.get(), chunks, vectors);
    }
    commit();
  }

  /**
   * Opens (or creates) the index at {@code path} for reading and writing, with the default tuning.
   *
   * @throws IndexMismatchException if it was built with another embedding model
   * @throws AskdocsException if another process holds it open for writing
   */
  public static LuceneChunkIndex open(Path path, String model, int dimension) {
    return open(path, model, dimension, IndexTuning.defaults());
  }

  /** Opens (or creates) the index at {@code path} for reading and writing, tuned as given. */
  public static LuceneChunkIndex open(Path path, String model, int dimension, IndexTuning tuning) {
    try {
      return new LuceneChunkIndex(path, model, dimension, false, tuning);
    } catch (LockObtainFailedException e) {
      throw new IndexLockedException(
          "the index at " + path + " is in use by another askdocs process", e);
    } catch (IOException e) {
      throw new AskdocsException("cannot open the index at " + path + ": " + e.getMessage(), e);
    }
  }

  /** Opens an existing index for searching only, beside a process that writes it. */
  public static LuceneChunkIndex openReadOnly(Path path, String model, int dimension) {
    return openReadOnly(path, model, dimension, IndexTuning.defaults());
  }

  /**
   * Opens an existing index for searching only, searching as {@code tuning} says (its build-time
   * parts do not apply).
   */
  public static LuceneChunkIndex openReadOnly(
      Path path, String model, int dimension, IndexTuning tuning) {
    try {
      return new LuceneChunkIndex(path, model, dimension, true, tuning);
    } catch (IOException e) {
      throw new AskdocsException("cannot open the index at " + path + ": " + e.getMessage(), e);
    }
  }

  private void checkModel() throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return;
    }
    Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
    String builtWith = data.get(MODEL_KEY);
    String builtDim = data.get(DIMENSION_KEY);
    if (builtWith != null
        && (!builtWith.equals(model) || !Integer.toString(dimension).equals(builtDim))) {
      throw new IndexMismatchException(
          String.format(
              "the index at %s was built with embedding model %s (%s dimensions), but %s (%d"
                  + " dimensions) is configured. Rebuild it: stop askdocs, delete %s (or set"
                  + " ASKDOCS_INDEX_DIR to a new folder) and start again; or set"
                  + " ASKDOCS_EMBEDDING_MODEL=%s.",
              path, builtWith, builtDim, model, dimension, path, builtWith));
    }
  }

  @Override
  public void upsert(IndexedDocument document, List<Chunk> chunks, List<float[]> vectors) {
    ChunkWriter.requireVectors(chunks, vectors, dimension);
    List<Document> docs = new ArrayList<>(chunks.size() + 1);
    docs.add(LuceneDocuments.documentRecord(document));
    for (int i = 0; i < chunks.size(); i++) {
      docs.add(LuceneDocuments.chunkRecord(chunks.get(i), document, vectors.get(i)));
    }
    try {
      // One call deletes the old version and adds the new: readers never see a mix.
      writable().updateDocuments(new Term(LuceneDocuments.DOC_ID, document.id()), docs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void delete(String documentId) {
    try {
      writable().deleteDocuments(new Term(LuceneDocuments.DOC_ID, documentId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void backup(Path target) {
    IndexWriter w = writable();
    try {
      LuceneSnapshots.copy(w, target);
    } catch (IOException e) {
      throw new AskdocsException("cannot back up the index at " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void commit() {
    try {
      writable().commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private IndexWriter writable() {
    if (writer == null) {
      throw new AskdocsException("the index at " + path + " is open read-only");
    }
    return writer;
  }

  @Override
  public List<ChunkHit> keywordSearch(String query, int n, ChunkFilter filter) {
    Query q = keywordQuery(query, filter);
    return q == null ? List.of() : search(q, n, false);
  }

  private Query keywordQuery(String query, ChunkFilter filter) {
    return keywordQueries.parse(keywordQueries.terms(query), Map.of(), filter);
  }

  @Override
  public List<ChunkHit> vectorSearch(float[] vector, int n, ChunkFilter filter) {
    return withSearcher(
        searchers,
        searcher -> {
          int beam = tuning.searchCandidates(n, countChunks(searcher));
          return search(searcher, vectorQuery(vector, beam, filter), n, true);
        });
  }

  /**
   * The {@code n} nearest chunks of an HNSW search that gathers {@code beam} candidates, whatever
   * the tuning says: for benchmarks that compare beams on one index.
   */
  public List<ChunkHit> vectorSearch(float[] vector, int n, int beam) {
    return search(vectorQuery(vector, Math.max(n, beam), ChunkFilter.NONE), n, true);
  }

  /** The candidates a search for the {@code n} nearest gathers on this index as it is now. */
  public int vectorBeam(int n) {
    return withSearcher(searchers, searcher -> tuning.searchCandidates(n, countChunks(searcher)));
  }

  /** Segments of the index as it is now. */
  public int segments() {
    return withSearcher(searchers, searcher -> searcher.getIndexReader().leaves().size());
  }

  /**
   * A graph search gathering {@code beam} candidates; the caller keeps the best it needs (the
   * search's top n).
   */
  static Query vectorQuery(float[] vector, int beam, ChunkFilter filter) {
    // A filter inside the HNSW search: Lucene walks the graph accepting only matching chunks (or
    // scans them exactly when few match), so n filtered hits come back whenever n exist.
    return new KnnFloatVectorQuery(
        LuceneDocuments.VECTOR, vector, beam, LuceneDocuments.filterQuery(filter));
  }

  @Override
  public HybridHits hybridSearch(
      String query,
      int keywordN,
      float[] vector,
      int vectorN,
      ChunkFilter filter,
      Function<HybridCandidates, List<Integer>> choose) {
    return withSearcher(
        searchers,
        searcher -> {
          int chunks = countChunks(searcher);
          return LuceneHybridSearch.run(
              searcher,
              keywordQueries,
              chunks,
              query,
              keywordN,
              vector,
              vectorN,
              tuning.searchCandidates(vectorN, chunks),
              filter,
              choose);
        });
  }

  /**
   * The nearest chunks by exact cosine similarity, comparing {@code vector} with every chunk's
   * vector: the reference that HNSW recall is measured against. Linear in the index size.
   */
  public List<ChunkHit> exactVectorSearch(float[] vector, int n) {
    return withSearcher(
        searchers,
        searcher -> {
          return VectorScan.nearest(searcher, vector, n);
        });
  }

  /** Calls {@code visitor} with every live chunk and its vector, in index order. */
  public void forEachChunk(BiConsumer<ChunkHit, float[]> visitor) {
    withSearcher(
        searchers,
        searcher -> {
          VectorScan.forEach(searcher, visitor);
          return null;
        });
  }

  private List<ChunkHit> search(Query query, int n, boolean cosineScores) {
    return withSearcher(
        searchers,
        searcher -> {
          return search(searcher, query, n, cosineScores);
        });
  }

  private static List<ChunkHit> search(
      IndexSearcher searcher, Query query, int n, boolean cosineScores) throws IOException {
    TopDocs top = searcher.search(query, n);
    StoredFields fields = searcher.storedFields();
    List<ChunkHit> hits = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc sd : top.scoreDocs) {
      double score = cosineScores ? ChunkHit.cosine(sd.score) : sd.score;
      hits.add(LuceneDocuments.toHit(fields.document(sd.doc), score));
    }
    return hits;
  }

  @Override
  public KeywordStats keywordStats(String text) {
    return withSearcher(
        searchers,
        searcher -> {
          return LuceneHybridSearch.stats(
              countChunks(searcher),
              LuceneHybridSearch.termStates(searcher, keywordQueries.terms(text)));
        });
  }

  /**
   * The number of chunks the searcher sees: counted once per reader, since with deletions the count
   * walks a posting list as long as the index.
   */
  private int countChunks(IndexSearcher searcher) throws IOException {
    ChunkCount known = chunkCount;
    if (known != null && known.reader() == searcher.getIndexReader()) {
      return known.chunks();
    }
    int n =
        searcher.count(new TermQuery(new Term(LuceneDocuments.KIND, LuceneDocuments.KIND_CHUNK)));
    chunkCount = new ChunkCount(searcher.getIndexReader(), n);
    return n;
  }

  private record ChunkCount(IndexReader reader, int chunks) {}

  @Override
  public Optional<IndexedDocument> document(String documentId, ChunkFilter filter) {
    return withSearcher(
        searchers,
        searcher -> {
          TopDocs top = searcher.search(LuceneDocuments.documentRecordQuery(documentId, filter), 1);
          if (top.scoreDocs.length == 0) {
            return Optional.empty();
          }
          Document d = searcher.storedFields().document(top.scoreDocs[0].doc);
          return Optional.of(LuceneDocuments.toDocument(d, true));
        });
  }

  @Override
  public List<DocumentSummary> documents(ChunkFilter filter) {
    return withSearcher(
        searchers,
        searcher -> {
          Query all = LuceneDocuments.documentRecordsQuery(filter);
          int count = Math.max(1, searcher.count(all));
          TopDocs top = searcher.search(all, count);
          StoredFields fields = searcher.storedFields();
          List<DocumentSummary> out = new ArrayList<>();
          for (ScoreDoc sd : top.scoreDocs) {
            // Skipping the full text matters at start-up, when every document is listed.
            Document d = fields.document(sd.doc, LuceneDocuments.SUMMARY_FIELDS);
            out.add(LuceneDocuments.toDocument(d, false).summary());
          }
          out.sort(Comparator.comparing(DocumentSummary::source));
          return out;
        });
  }

  @Override
  public dev.askdocs.index.DocumentPage documents(
      ChunkFilter filter, String query, dev.askdocs.index.DocumentPage.After after, int limit) {
    return withSearcher(
        searchers,
        searcher -> {
          return new LuceneDocumentPages(keywordQueries)
              .page(searcher, filter, query, after, limit);
        });
  }

  @Override
  public IndexStats stats(ChunkFilter filter) {
    return withSearcher(
        searchers,
        searcher -> {
          int docs = searcher.count(LuceneDocuments.documentRecordsQuery(filter));
          int chunks =
              filter.isEmpty()
                  ? countChunks(searcher)
                  : searcher.count(
                      new BooleanQuery.Builder()
                          .add(
                              new TermQuery(
                                  new Term(LuceneDocuments.KIND, LuceneDocuments.KIND_CHUNK)),
                              BooleanClause.Occur.FILTER)
                          .add(LuceneDocuments.filterQuery(filter), BooleanClause.Occur.FILTER)
                          .build());
          return new IndexStats(docs, chunks, model, dimension);
        });
  }

  /**
   * The {@link IndexWriter}'s lock on the folder already keeps other processes out for as long as
   * this index is open for writing.
   */
  @Override
  public WriteLease claimWriter() {
    writable();
    return WriteLease.EXCLUSIVE;
  }

  @Override
  public void close() {
    try {
      searchers.close();
      if (writer != null) {
        writer.close(); // commits pending changes, after the running merges
      }
      directory.close();
      if (mergeWorkers != null) {
        mergeWorkers.shutdown();
        mergeWorkers.awaitTermination(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      // Everything is committed and closed; only idle merge threads may outlive us (daemons).
      Thread.currentThread().interrupt();
    }
  }

  /** Page starts as stored (comma-separated); the Solr records store them the same way. */
  public static String joinInts(List<Integer> ints) {
    return String.join(",", ints.stream().map(String::valueOf).toList());
  }

  /** The inverse of {@link #joinInts}; empty for null or an empty string. */
  public static List<Integer> splitInts(String s) {
    if (s == null || s.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(s.split(",")).map(Integer::valueOf).toList();
  }

  /** A stored epoch-millisecond timestamp as an instant. */
  public static Instant instant(Number epochMillis) {
    return Instant.ofEpochMilli(epochMillis.longValue());
  }
}
