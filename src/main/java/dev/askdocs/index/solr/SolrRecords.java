package dev.askdocs.index.solr;

import dev.askdocs.chunk.Chunk;
import dev.askdocs.index.ChunkHit;
import dev.askdocs.index.IndexedDocument;
import dev.askdocs.index.lucene.LuceneChunkIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/**
 * The Solr field layout (src/main/resources/solr/configset/schema.xml): how our records become Solr
 * documents and back. Ids start with the document id and '!', so that the compositeId router puts a
 * document's record and all its chunks on one shard.
 */
final class SolrRecords {
  static final String ID = "id";
  static final String KIND = "kind";
  static final String KIND_DOCUMENT = "document";
  static final String KIND_CHUNK = "chunk";
  static final String KIND_META = "meta";
  static final String KIND_LOCK = "lock";
  static final String DOC_ID = "doc_id";
  static final String TEXT = "text";
  static final String TITLE = "title";
  static final String SOURCE = "source";
  static final String COLLECTION = "collection";
  static final String VECTOR = "vector";
  static final String MODEL = "model";
  static final String DIMENSION = "dimension";
  static final String OWNER = "owner";
  static final String EXPIRES_AT = "expires_at";
  static final String VERSION = "_version_";

  /** The collection's metadata record: the embedding model it was built with. */
  static final String META_ID = "askdocs!meta";

  /** The ingest lease; see {@link SolrWriterLease}. */
  static final String LOCK_ID = "askdocs!ingest-lock";

  private static final String CHUNK_ID = "chunk_id";
  private static final String ORDINAL = "ordinal";
  private static final String START = "start_offset";
  private static final String END = "end_offset";
  private static final String PAGE = "page";
  static final String LOCATION = "location";
  private static final String DOC_TITLE = "doc_title";
  private static final String FULL_TEXT = "full_text";
  private static final String HASH = "content_hash";
  private static final String PAGE_STARTS = "page_starts";
  private static final String INDEXED_AT = "indexed_at";
  private static final String CHUNKS = "chunks";
  // The web page a crawled document is a copy of, on both records; set only when there is one, so
  // a collection created before the field existed still takes documents that are files.
  private static final String URL = "url";

  /** Fields of a hit: everything stored on a chunk, and its score. */
  static final String HIT_FIELDS =
      String.join(
          ",", CHUNK_ID, DOC_ID, ORDINAL, TEXT, START, END, PAGE, LOCATION, TITLE, SOURCE, URL,
          "score");

  /** Fields of a {@link dev.askdocs.index.DocumentSummary}: everything but the full text. */
  static final String SUMMARY_FIELDS =
      String.join(
          ",", DOC_ID, SOURCE, DOC_TITLE, HASH, PAGE_STARTS, INDEXED_AT, CHUNKS, COLLECTION, URL);

  static final String DOCUMENT_FIELDS = SUMMARY_FIELDS + "," + FULL_TEXT;

  private SolrRecords() {}

  static String documentRecordId(String documentId) {
    return routeKey(documentId) + "!" + documentId;
  }

  static String chunkRecordId(String documentId, String chunkId) {
    return routeKey(documentId) + "!" + chunkId;
  }

  /**
   * The part of an id that the compositeId router hashes: the document id itself (askdocs' ids are
   * hex digests), or a digest of it when it holds characters the router reads ('!', '/').
   */
  static String routeKey(String documentId) {
    return SAFE_KEY.matcher(documentId).matches()
        ? documentId
        : "h" + Integer.toHexString(documentId.hashCode());
  }

  private static final java.util.regex.Pattern SAFE_KEY =
      java.util.regex.Pattern.compile("[A-Za-z0-9_.\\-]+");

  static SolrInputDocument documentRecord(IndexedDocument d) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.setField(ID, documentRecordId(d.id()));
    doc.setField(KIND, KIND_DOCUMENT);
    doc.setField(DOC_ID, d.id());
    doc.setField(SOURCE, d.source());
    doc.setField(DOC_TITLE, d.title());
    doc.setField(FULL_TEXT, d.text());
    doc.setField(HASH, d.contentHash());
    doc.setField(PAGE_STARTS, LuceneChunkIndex.joinInts(d.pageStarts()));
    doc.setField(INDEXED_AT, d.indexedAt().toEpochMilli());
    doc.setField(CHUNKS, d.chunks());
    doc.setField(COLLECTION, d.collection());
    if (d.url() != null) {
      doc.setField(URL, d.url());
    }
    return doc;
  }

  static SolrInputDocument chunkRecord(Chunk c, IndexedDocument d, float[] vector) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.setField(ID, chunkRecordId(d.id(), c.id()));
    doc.setField(KIND, KIND_CHUNK);
    doc.setField(DOC_ID, d.id());
    doc.setField(CHUNK_ID, c.id());
    doc.setField(TEXT, c.text());
    doc.setField(TITLE, d.title());
    doc.setField(SOURCE, d.source());
    doc.setField(COLLECTION, d.collection());
    doc.setField(ORDINAL, c.ordinal());
    doc.setField(START, c.start());
    doc.setField(END, c.end());
    if (c.page() != null) {
      doc.setField(PAGE, c.page());
    }
    if (d.url() != null) {
      doc.setField(URL, d.url());
    }
    if (c.location() != null) {
      doc.setField(LOCATION, c.location());
    }
    List<Float> v = new ArrayList<>(vector.length);
    for (float x : vector) {
      v.add(x);
    }
    doc.setField(VECTOR, v);
    return doc;
  }

  static SolrInputDocument metaRecord(String model, int dimension) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.setField(ID, META_ID);
    doc.setField(KIND, KIND_META);
    doc.setField(DOC_ID, "askdocs");
    doc.setField(MODEL, model);
    doc.setField(DIMENSION, dimension);
    return doc;
  }

  static ChunkHit toHit(SolrDocument d, double score) {
    Number page = (Number) d.getFirstValue(PAGE);
    Chunk chunk =
        new Chunk(
            str(d, CHUNK_ID),
            str(d, DOC_ID),
            num(d, ORDINAL).intValue(),
            str(d, TEXT),
            num(d, START).intValue(),
            num(d, END).intValue(),
            page == null ? null : page.intValue(),
            str(d, LOCATION));
    return new ChunkHit(chunk, str(d, TITLE), str(d, SOURCE), score, str(d, URL));
  }

  static IndexedDocument toDocument(SolrDocument d, boolean withText) {
    return new IndexedDocument(
        str(d, DOC_ID),
        str(d, SOURCE),
        str(d, DOC_TITLE),
        withText ? str(d, FULL_TEXT) : "",
        str(d, HASH),
        LuceneChunkIndex.splitInts(str(d, PAGE_STARTS)),
        LuceneChunkIndex.instant(num(d, INDEXED_AT)),
        num(d, CHUNKS).intValue(),
        str(d, COLLECTION),
        str(d, URL));
  }

  /** The query-vector syntax of Solr's knn parser: {@code [0.1,0.2,...]}. */
  static String vectorLiteral(float[] vector) {
    List<String> parts = new ArrayList<>(vector.length);
    for (float x : vector) {
      parts.add(Float.toString(x));
    }
    return parts.stream().collect(Collectors.joining(",", "[", "]"));
  }

  static String str(SolrDocument d, String field) {
    Object v = d.getFirstValue(field);
    return v == null ? null : v.toString();
  }

  static Number num(SolrDocument d, String field) {
    return (Number) d.getFirstValue(field);
  }
}
