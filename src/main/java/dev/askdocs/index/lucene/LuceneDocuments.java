package dev.askdocs.index.lucene;

import dev.askdocs.chunk.Chunk;
import dev.askdocs.index.ChunkFilter;
import dev.askdocs.index.ChunkHit;
import dev.askdocs.index.IndexedDocument;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** The Lucene field layout: how our records become Lucene documents and back. */
final class LuceneDocuments {
  static final String KIND = "kind";
  static final String KIND_DOCUMENT = "document";
  static final String KIND_CHUNK = "chunk";
  static final String DOC_ID = "docId";
  static final String CHUNK_ID = "chunkId";
  static final String TEXT = "text";
  static final String TITLE = "title";
  static final String SOURCE = "source";
  static final String VECTOR = "vector";

  /** The document's collection, indexed untokenised on documents and chunks, and stored. */
  static final String COLLECTION = "collection";

  /** The source path, indexed untokenised on chunks for filters (the stored copy is SOURCE). */
  static final String SOURCE_PATH = "sourcePath";

  private static final String ORDINAL = "ordinal";
  private static final String START = "start";
  private static final String END = "end";
  private static final String PAGE = "page";
  private static final String LOCATION = "location";
  // Lucene 9 wants one schema per field name: the record's stored-only title gets its own name.
  private static final String DOC_TITLE = "docTitle";
  private static final String FULL_TEXT = "fullText";
  private static final String HASH = "hash";
  private static final String PAGE_STARTS = "pageStarts";
  private static final String INDEXED_AT = "indexedAt";
  private static final String CHUNKS = "chunks";
  // The web page a crawled document is a copy of: stored only, on both records, absent for files.
  private static final String URL = "url";

  /**
   * The stored fields a {@link dev.askdocs.index.DocumentSummary} needs: everything but the full
   * text.
   */
  static final Set<String> SUMMARY_FIELDS =
      Set.of(DOC_ID, SOURCE, DOC_TITLE, HASH, PAGE_STARTS, INDEXED_AT, CHUNKS, COLLECTION, URL);

  private LuceneDocuments() {}

  /** A query matching the chunks that pass {@code filter}, or null when it passes everything. */
  static Query filterQuery(ChunkFilter filter) {
    if (filter.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    if (!filter.sourcePrefixes().isEmpty()) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      for (String prefix : filter.sourcePrefixes()) {
        any.add(new PrefixQuery(new Term(SOURCE_PATH, prefix)), BooleanClause.Occur.SHOULD);
      }
      all.add(any.build(), BooleanClause.Occur.FILTER);
    }
    if (!filter.documentIds().isEmpty()) {
      all.add(
          new TermInSetQuery(
              DOC_ID, filter.documentIds().stream().sorted().map(BytesRef::new).toList()),
          BooleanClause.Occur.FILTER);
    }
    if (!filter.collections().isEmpty()) {
      all.add(collectionQuery(filter.collections()), BooleanClause.Occur.FILTER);
    }
    return new ConstantScoreQuery(all.build());
  }

  /**
   * Documents and chunks in one of {@code collections}. A record written before collections existed
   * has no collection field and belongs to {@code default}.
   */
  /**
   * {@code filter} without its collections when they let every record of {@code reader} through:
   * the default collection (which also holds records written before collections) is among them, and
   * so is every collection any record names (deleted records counted). The collection clause then
   * only costs a pass over every document per question and segment, in the BM25 conjunction and in
   * the vector search's filter, for the same hits. {@code reader} is the searcher's snapshot, so
   * the check and the search see the same records.
   */
  static ChunkFilter withoutAllAdmittingCollections(
      org.apache.lucene.index.IndexReader reader, ChunkFilter filter) throws java.io.IOException {
    Set<String> allowed = filter.collections();
    if (!allowed.contains(IndexedDocument.DEFAULT_COLLECTION)) {
      return filter;
    }
    for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
      org.apache.lucene.index.Terms names = leaf.reader().terms(COLLECTION);
      if (names == null) {
        continue;
      }
      org.apache.lucene.index.TermsEnum e = names.iterator();
      for (BytesRef name = e.next(); name != null; name = e.next()) {
        if (!allowed.contains(name.utf8ToString())) {
          return filter;
        }
      }
    }
    return new ChunkFilter(filter.sourcePrefixes(), filter.documentIds(), Set.of());
  }

  static Query collectionQuery(java.util.Collection<String> collections) {
    Query named =
        new TermInSetQuery(COLLECTION, collections.stream().sorted().map(BytesRef::new).toList());
    if (!collections.contains(IndexedDocument.DEFAULT_COLLECTION)) {
      return named;
    }
    Query unnamed =
        new BooleanQuery.Builder()
            .add(new org.apache.lucene.search.MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
            .add(new TermQuery(new Term(HAS_COLLECTION, "y")), BooleanClause.Occur.MUST_NOT)
            .build();
    return new BooleanQuery.Builder()
        .add(named, BooleanClause.Occur.SHOULD)
        .add(unnamed, BooleanClause.Occur.SHOULD)
        .build();
  }

  /** Set on every record written with a collection, so older records can be told apart. */
  private static final String HAS_COLLECTION = "hasCollection";

  /** The document records that pass {@code filter} (its collections and source prefixes). */
  static Query documentRecordsQuery(ChunkFilter filter) {
    BooleanQuery.Builder q =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(KIND, KIND_DOCUMENT)), BooleanClause.Occur.FILTER);
    if (!filter.collections().isEmpty()) {
      q.add(collectionQuery(filter.collections()), BooleanClause.Occur.FILTER);
    }
    if (!filter.sourcePrefixes().isEmpty()) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      for (String prefix : filter.sourcePrefixes()) {
        any.add(new PrefixQuery(new Term(SOURCE_PATH, prefix)), BooleanClause.Occur.SHOULD);
      }
      q.add(any.build(), BooleanClause.Occur.FILTER);
    }
    return q.build();
  }

  private static void addCollection(Document doc, String collection) {
    doc.add(new StringField(COLLECTION, collection, Field.Store.YES));
    doc.add(new StringField(HAS_COLLECTION, "y", Field.Store.NO));
  }

  /** The per-document record: stored only, so it never matches a keyword or vector search. */
  static Document documentRecord(IndexedDocument d) {
    Document doc = new Document();
    doc.add(new StringField(KIND, KIND_DOCUMENT, Field.Store.NO));
    doc.add(new StringField(DOC_ID, d.id(), Field.Store.YES));
    doc.add(new StoredField(SOURCE, d.source()));
    doc.add(new StoredField(DOC_TITLE, d.title()));
    doc.add(new StoredField(FULL_TEXT, d.text()));
    doc.add(new StoredField(HASH, d.contentHash()));
    doc.add(new StoredField(PAGE_STARTS, LuceneChunkIndex.joinInts(d.pageStarts())));
    doc.add(new StoredField(INDEXED_AT, d.indexedAt().toEpochMilli()));
    doc.add(new StoredField(CHUNKS, d.chunks()));
    doc.add(new StringField(SOURCE_PATH, d.source(), Field.Store.NO));
    addCollection(doc, d.collection());
    if (d.url() != null) {
      doc.add(new StoredField(URL, d.url()));
    }
    return doc;
  }

  /** A chunk: text and title analysed for BM25, the vector in the HNSW graph. */
  static Document chunkRecord(Chunk c, IndexedDocument d, float[] vector) {
    Document doc = new Document();
    doc.add(new StringField(KIND, KIND_CHUNK, Field.Store.NO));
    doc.add(new StringField(DOC_ID, d.id(), Field.Store.YES));
    doc.add(new StringField(CHUNK_ID, c.id(), Field.Store.YES));
    doc.add(new TextField(TEXT, c.text(), Field.Store.YES));
    doc.add(new TextField(TITLE, d.title(), Field.Store.YES));
    doc.add(new StoredField(SOURCE, d.source()));
    doc.add(new StringField(SOURCE_PATH, d.source(), Field.Store.NO));
    addCollection(doc, d.collection());
    doc.add(new StoredField(ORDINAL, c.ordinal()));
    doc.add(new StoredField(START, c.start()));
    doc.add(new StoredField(END, c.end()));
    if (c.page() != null) {
      doc.add(new StoredField(PAGE, c.page()));
    }
    if (d.url() != null) {
      doc.add(new StoredField(URL, d.url()));
    }
    if (c.location() != null) {
      doc.add(new StoredField(LOCATION, c.location()));
    }
    doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
    return doc;
  }

  static Query documentRecordQuery(String documentId) {
    return documentRecordQuery(documentId, ChunkFilter.NONE);
  }

  /** The record of one document, if it passes {@code filter}'s collections and source prefixes. */
  static Query documentRecordQuery(String documentId, ChunkFilter filter) {
    return new BooleanQuery.Builder()
        .add(documentRecordsQuery(filter), BooleanClause.Occur.FILTER)
        .add(new TermQuery(new Term(DOC_ID, documentId)), BooleanClause.Occur.FILTER)
        .build();
  }

  static ChunkHit toHit(Document d, double score) {
    Number page = d.getField(PAGE) == null ? null : d.getField(PAGE).numericValue();
    Chunk chunk =
        new Chunk(
            d.get(CHUNK_ID),
            d.get(DOC_ID),
            d.getField(ORDINAL).numericValue().intValue(),
            d.get(TEXT),
            d.getField(START).numericValue().intValue(),
            d.getField(END).numericValue().intValue(),
            page == null ? null : page.intValue(),
            d.get(LOCATION));
    return new ChunkHit(chunk, d.get(TITLE), d.get(SOURCE), score, d.get(URL));
  }

  static IndexedDocument toDocument(Document d, boolean withText) {
    List<Integer> pageStarts = LuceneChunkIndex.splitInts(d.get(PAGE_STARTS));
    return new IndexedDocument(
        d.get(DOC_ID),
        d.get(SOURCE),
        d.get(DOC_TITLE),
        withText ? d.get(FULL_TEXT) : "",
        d.get(HASH),
        pageStarts,
        LuceneChunkIndex.instant(d.getField(INDEXED_AT).numericValue()),
        d.getField(CHUNKS).numericValue().intValue(),
        d.get(COLLECTION),
        d.get(URL));
  }
}
