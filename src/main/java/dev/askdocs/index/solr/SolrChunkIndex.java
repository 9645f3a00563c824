package dev.askdocs.index.solr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.askdocs.AskdocsException;
import dev.askdocs.chunk.Chunk;
import dev.askdocs.index.ChunkFilter;
import dev.askdocs.index.ChunkHit;
import dev.askdocs.index.ChunkIndex;
import dev.askdocs.index.ChunkWriter;
import dev.askdocs.index.DocumentSummary;
import dev.askdocs.index.HybridCandidates;
import dev.askdocs.index.HybridHits;
import dev.askdocs.index.IndexStats;
import dev.askdocs.index.IndexedDocument;
import dev.askdocs.index.KeywordStats;
import dev.askdocs.index.WriteLease;
import dev.askdocs.index.lucene.KeywordQueries;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.FacetField;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SolrCloud collection as the index, for several askdocs processes sharing one corpus larger than
 * one machine holds. The same Lucene engine as {@link dev.askdocs.index.lucene.LuceneChunkIndex}:
 * BM25 over English-analysed text (the configset's analysis is Lucene's EnglishAnalyzer, and the
 * collection's term statistics are used on every shard) and HNSW cosine vectors.
 *
 * <p>Writes are buffered and sent in batches at {@link #BATCH_CHUNKS} chunks and at {@link
 * #commit()}, each batch first deleting the documents it replaces, then adding their new records;
 * searches see nothing of it until the commit (the configset has no soft auto-commit). All records
 * of a document live on one shard, so a replaced document changes at one shard's commit: never half
 * old, half new. Requests fail over across the configured nodes and are retried on transient
 * errors; a batch is idempotent (stable ids), so retrying it is safe.
 *
 * <p>Thread-safe: searches run concurrently (SolrJ's HTTP client is); writes are serialised on this
 * object, since they share the buffered batch, so writing from several threads is safe but not
 * faster. The graphs are built by the Solr nodes, not here.
 */
public final class SolrChunkIndex implements ChunkIndex {
  /** Chunks buffered before a batch is sent. */
  static final int BATCH_CHUNKS = 500;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(SolrChunkIndex.class);

  private final SolrNodes nodes;
  private final String collection;
  private final String model;
  private final int dimension;

  /** False for a collection created before chunks had locations: they are then not written. */
  private final boolean storesLocations;

  private final KeywordQueries keywordQueries = new KeywordQueries(new EnglishAnalyzer());

  /** Per document id, its new records, or null for a delete; in the order they were written. */
  private final Map<String, List<SolrInputDocument>> pending = new LinkedHashMap<>();

  private int pendingChunks;

  private SolrChunkIndex(SolrNodes nodes, String collection, String model, int dimension) {
    this.nodes = nodes;
    this.collection = collection;
    this.model = model;
    this.dimension = dimension;
    this.storesLocations = SolrCollections.hasField(nodes, collection, SolrRecords.LOCATION);
    if (!storesLocations) {
      LOG.warn(
          "collection {} predates chunk locations (no field '{}' in its schema): citations show"
              + " only PDF pages until it is created again with askdocs solr init",
          collection,
          SolrRecords.LOCATION);
    }
  }

  /**
   * Connects to {@code collection} through the nodes at {@code urls}.
   *
   * @throws IndexMismatchException if the collection was built with another embedding model
   * @throws AskdocsException if no node answers, or the collection was not set up by {@code askdocs
   *     solr init}
   */
  public static SolrChunkIndex open(
      List<URI> urls, String collection, String model, int dimension) {
    SolrNodes nodes = new SolrNodes(urls);
    try {
      SolrCollections.checkModel(nodes, collection, model, dimension);
      return new SolrChunkIndex(nodes, collection, model, dimension);
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
  }

  @Override
  public synchronized void upsert(
      IndexedDocument document, List<Chunk> chunks, List<float[]> vectors) {
    ChunkWriter.requireVectors(chunks, vectors, dimension);
    List<SolrInputDocument> docs = new ArrayList<>(chunks.size() + 1);
    docs.add(SolrRecords.documentRecord(document));
    for (int i = 0; i < chunks.size(); i++) {
      float[] v = vectors.get(i);
      Chunk c = chunks.get(i);
      docs.add(SolrRecords.chunkRecord(storesLocations ? c : withoutLocation(c), document, v));
    }
    put(document.id(), docs);
  }

  private static Chunk withoutLocation(Chunk c) {
    return new Chunk(c.id(), c.documentId(), c.ordinal(), c.text(), c.start(), c.end(), c.page());
  }

  @Override
  public synchronized void delete(String documentId) {
    put(documentId, null);
  }

  private void put(String documentId, List<SolrInputDocument> docs) {
    List<SolrInputDocument> old = pending.remove(documentId);
    pendingChunks -= old == null ? 0 : old.size();
    pending.put(documentId, docs);
    pendingChunks += docs == null ? 1 : docs.size();
    if (pendingChunks >= BATCH_CHUNKS) {
      flush();
    }
  }

  /** Sends the buffered batch: deletes of every document in it, then the new records. */
  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    // Two requests, in this order: within one, SolrJ would send the adds before the deletes.
    UpdateRequest deletes = new UpdateRequest();
    deletes.deleteByQuery(
        "{!terms f=" + SolrRecords.DOC_ID + "}" + String.join(",", pending.keySet()));
    nodes.send(deletes, collection);
    List<SolrInputDocument> adds = new ArrayList<>(pendingChunks);
    pending.values().stream().filter(d -> d != null).forEach(adds::addAll);
    if (!adds.isEmpty()) {
      UpdateRequest add = new UpdateRequest();
      add.add(adds);
      nodes.send(add, collection);
    }
    pending.clear();
    pendingChunks = 0;
  }

  @Override
  public synchronized void commit() {
    flush();
    UpdateRequest commit = new UpdateRequest();
    commit.setAction(UpdateRequest.ACTION.COMMIT, true, true);
    nodes.send(commit, collection);
  }

  @Override
  public List<ChunkHit> keywordSearch(String query, int n, ChunkFilter filter) {
    List<String> terms = new ArrayList<>(keywordQueries.terms(query));
    if (terms.isEmpty()) {
      return List.of();
    }
    // The terms are analysed here, exactly as the embedded index does, and sought as terms: Solr
    // does not analyse them again. Each in the text, and at half weight in the title.
    ModifiableSolrParams p = new ModifiableSolrParams();
    StringBuilder q = new StringBuilder("{!bool");
    for (int i = 0; i < terms.size(); i++) {
      q.append(" should=$k").append(i).append(" should=$b").append(i);
      p.set("k" + i, "{!term f=" + SolrRecords.TEXT + "}" + terms.get(i));
      p.set("b" + i, "{!boost b=" + KeywordQueries.TITLE_BOOST + " v=$t" + i + "}");
      p.set("t" + i, "{!term f=" + SolrRecords.TITLE + "}" + terms.get(i));
    }
    p.set("q", q.append("}").toString());
    return search(p, n, filter, false);
  }

  /**
   * Three requests: one per list, then the term statistics. Solr has no snapshot that spans
   * requests, so a commit that lands between them can show a replaced document in its old version
   * in one list and its new one in the other (each list on its own is whole: a document changes at
   * one shard commit). The window is two requests long; the embedded index has no such window.
   * Candidates arrive with their fields (one round trip each instead of two).
   */
  @Override
  public HybridHits hybridSearch(
      String query,
      int keywordN,
      float[] vector,
      int vectorN,
      ChunkFilter filter,
      Function<HybridCandidates, List<Integer>> choose) {
    List<ChunkHit> byKey = new ArrayList<>();
    Map<String, Integer> keys = new HashMap<>();
    List<HybridCandidates.Candidate> keyword =
        candidates(keywordN == 0 ? List.of() : keywordSearch(query, keywordN, filter), byKey, keys);
    List<HybridCandidates.Candidate> nearest =
        candidates(vectorN == 0 ? List.of() : vectorSearch(vector, vectorN, filter), byKey, keys);
    List<ChunkHit> chosen = new ArrayList<>();
    for (int key : choose.apply(new HybridCandidates(keyword, nearest))) {
      if (key < 0 || key >= byKey.size()) {
        throw new IllegalArgumentException("no candidate has the key " + key);
      }
      chosen.add(byKey.get(key));
    }
    return new HybridHits(chosen, keywordStats(query));
  }

  /** Keys are positions in {@code byKey}; a chunk in both lists keeps its first (keyword) hit. */
  private static List<HybridCandidates.Candidate> candidates(
      List<ChunkHit> hits, List<ChunkHit> byKey, Map<String, Integer> keys) {
    List<HybridCandidates.Candidate> out = new ArrayList<>(hits.size());
    for (ChunkHit h : hits) {
      int key =
          keys.computeIfAbsent(
              h.chunk().id(),
              id -> {
                byKey.add(h);
                return byKey.size() - 1;
              });
      out.add(new HybridCandidates.Candidate(key, h.score()));
    }
    return out;
  }

  @Override
  public List<ChunkHit> vectorSearch(float[] vector, int n, ChunkFilter filter) {
    // Each shard returns its topK nearest; rows=n keeps the global n best of them. The filter
    // queries are the knn query's pre-filter, so n matching chunks come back whenever n exist.
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set(
        "q",
        "{!knn f=" + SolrRecords.VECTOR + " topK=" + n + "}" + SolrRecords.vectorLiteral(vector));
    return search(p, n, filter, true);
  }

  private List<ChunkHit> search(
      ModifiableSolrParams p, int n, ChunkFilter filter, boolean cosineScores) {
    p.set("rows", n);
    p.set("fl", SolrRecords.HIT_FIELDS);
    for (String fq : SolrFilters.of(filter)) {
      p.add("fq", fq);
    }
    QueryResponse r = query(p);
    List<ChunkHit> hits = new ArrayList<>();
    for (SolrDocument d : r.getResults()) {
      double score = ((Number) d.getFirstValue("score")).doubleValue();
      hits.add(SolrRecords.toHit(d, cosineScores ? ChunkHit.cosine(score) : score));
    }
    return hits;
  }

  @Override
  public KeywordStats keywordStats(String text) {
    List<String> terms = new ArrayList<>(keywordQueries.terms(text));
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", "{!term f=" + SolrRecords.KIND + "}" + SolrRecords.KIND_CHUNK);
    p.set("rows", 0);
    if (!terms.isEmpty()) {
      ObjectNode facets = JSON.createObjectNode();
      for (int i = 0; i < terms.size(); i++) {
        facets
            .putObject("t" + i)
            .put("type", "query")
            .put("q", "{!term f=" + SolrRecords.TEXT + "}" + terms.get(i));
      }
      p.set("json.facet", facets.toString());
    }
    QueryResponse r = query(p);
    Map<String, Integer> df = new HashMap<>();
    NamedList<?> facets = (NamedList<?>) r.getResponse().get("facets");
    for (int i = 0; i < terms.size(); i++) {
      NamedList<?> bucket = facets == null ? null : (NamedList<?>) facets.get("t" + i);
      Number count = bucket == null ? null : (Number) bucket.get("count");
      df.put(terms.get(i), count == null ? 0 : count.intValue());
    }
    return new KeywordStats((int) r.getResults().getNumFound(), df);
  }

  @Override
  public Optional<IndexedDocument> document(String documentId, ChunkFilter filter) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", "{!term f=" + SolrRecords.ID + "}" + SolrRecords.documentRecordId(documentId));
    documentFilters(filter).forEach(fq -> p.add("fq", fq));
    p.set("fl", SolrRecords.DOCUMENT_FIELDS);
    p.set("rows", 1);
    SolrDocumentList found = query(p).getResults();
    return found.isEmpty()
        ? Optional.empty()
        : Optional.of(SolrRecords.toDocument(found.get(0), true));
  }

  @Override
  public List<DocumentSummary> documents(ChunkFilter filter) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", "{!term f=" + SolrRecords.KIND + "}" + SolrRecords.KIND_DOCUMENT);
    documentFilters(filter).forEach(fq -> p.add("fq", fq));
    p.set("rows", 0);
    long count = query(p).getResults().getNumFound();
    p.set("rows", (int) Math.max(1, count));
    p.set("fl", SolrRecords.SUMMARY_FIELDS);
    List<DocumentSummary> out = new ArrayList<>();
    for (SolrDocument d : query(p).getResults()) {
      out.add(SolrRecords.toDocument(d, false).summary());
    }
    out.sort(Comparator.comparing(DocumentSummary::source));
    return out;
  }

  /**
   * Sorted by source path and id in Solr (both uninverted: the schema keeps no doc values), the
   * page's start a range filter; the title words match a chunk's title, joined to its document
   * record, which lives on the same shard.
   */
  @Override
  public dev.askdocs.index.DocumentPage documents(
      ChunkFilter filter, String query, dev.askdocs.index.DocumentPage.After after, int limit) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", "{!term f=" + SolrRecords.KIND + "}" + SolrRecords.KIND_DOCUMENT);
    documentFilters(filter).forEach(fq -> p.add("fq", fq));
    if (query != null && !query.isBlank()) {
      String source = SolrRecords.SOURCE + ":/" + KeywordQueries.containsRegex(query.strip()) + "/";
      if (keywordQueries.terms(query).isEmpty()) {
        p.add("fq", "{!lucene}" + source);
      } else {
        StringBuilder words = new StringBuilder();
        for (String w : query.strip().split("\\s+")) {
          words
              .append(" +")
              .append(SolrRecords.TITLE)
              .append(':')
              .append(ClientUtils.escapeQueryChars(w));
        }
        p.set("titled", "{!lucene}+" + SolrRecords.KIND + ":" + SolrRecords.KIND_CHUNK + words);
        p.add(
            "fq",
            "{!lucene}"
                + source
                + " OR _query_:\"{!join from="
                + SolrRecords.DOC_ID
                + " to="
                + SolrRecords.DOC_ID
                + " v=$titled}\"");
      }
    }
    p.set("rows", 0);
    int total = (int) query(p).getResults().getNumFound();
    if (after != null) {
      String s = ClientUtils.escapeQueryChars(after.source());
      p.add(
          "fq",
          "{!lucene}"
              + SolrRecords.SOURCE
              + ":{"
              + s
              + " TO *] OR (+"
              + SolrRecords.SOURCE
              + ":"
              + s
              + " +"
              + SolrRecords.DOC_ID
              + ":{"
              + after.id()
              + " TO *])");
    }
    p.set("sort", SolrRecords.SOURCE + " asc, " + SolrRecords.DOC_ID + " asc");
    p.set("rows", limit + 1);
    p.set("fl", SolrRecords.SUMMARY_FIELDS);
    List<DocumentSummary> out = new ArrayList<>();
    for (SolrDocument d : query(p).getResults()) {
      out.add(SolrRecords.toDocument(d, false).summary());
    }
    boolean more = out.size() > limit;
    List<DocumentSummary> page = more ? out.subList(0, limit) : out;
    return new dev.askdocs.index.DocumentPage(
        page, more ? dev.askdocs.index.DocumentPage.After.of(page.get(limit - 1)) : null, total);
  }

  /** The collection lives in SolrCloud: Solr's Collections API backs it up, not askdocs. */
  @Override
  public void backup(java.nio.file.Path target) {
    throw new AskdocsException(SOLR_BACKUP_HINT.replace("<collection>", collection));
  }

  /** How a SolrCloud collection is backed up, for {@code askdocs backup}. */
  public static final String SOLR_BACKUP_HINT =
      "the index is the SolrCloud collection <collection>: back it up with Solr's Collections API,"
          + " for example curl 'http://solr1:8983/solr/admin/collections?action=BACKUP"
          + "&name=askdocs-$(date +%F)&collection=<collection>&location=/backups'"
          + " (location: a shared folder or repository every Solr node can write; see"
          + " docs/DEPLOYMENT.md). askdocs backup copies only askdocs' own files in that case";

  @Override
  public IndexStats stats(ChunkFilter filter) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", "*:*");
    documentFilters(filter).forEach(fq -> p.add("fq", fq));
    p.set("rows", 0);
    p.set("facet", true);
    p.set("facet.field", SolrRecords.KIND);
    p.set("facet.limit", -1);
    FacetField kinds = query(p).getFacetField(SolrRecords.KIND);
    Map<String, Integer> counts = new HashMap<>();
    for (FacetField.Count c : kinds.getValues()) {
      counts.put(c.getName(), (int) c.getCount());
    }
    return new IndexStats(
        counts.getOrDefault(SolrRecords.KIND_DOCUMENT, 0),
        counts.getOrDefault(SolrRecords.KIND_CHUNK, 0),
        model,
        dimension);
  }

  /** A filter's collections and source prefixes (document ids are not a document filter). */
  private static List<String> documentFilters(ChunkFilter filter) {
    return SolrFilters.of(new ChunkFilter(filter.sourcePrefixes(), Set.of(), filter.collections()));
  }

  /**
   * Takes the collection's ingest lease; see {@link SolrWriterLease}.
   *
   * @throws IndexLockedException while another process holds it
   */
  @Override
  public WriteLease claimWriter() {
    return SolrWriterLease.claim(nodes, collection);
  }

  /** The collection. */
  public String collection() {
    return collection;
  }

  /** Documents and chunks held by each replica, by core name, asked of each replica alone. */
  public Map<String, Long> replicaCounts() {
    return SolrCollections.replicaCounts(nodes, collection);
  }

  private QueryResponse query(ModifiableSolrParams p) {
    try {
      return nodes.send(new QueryRequest(p, SolrRequest.METHOD.POST), collection);
    } catch (SolrException e) {
      throw new AskdocsException(
          "Solr refused a search of " + collection + ": " + e.getMessage(), e);
    }
  }

  /** Commits what is buffered, as the embedded index does on close, and lets go of the nodes. */
  @Override
  public synchronized void close() {
    try {
      commit();
    } finally {
      nodes.close();
    }
  }
}
