package dev.askdocs.index.lucene;

import dev.askdocs.index.ChunkFilter;
import dev.askdocs.index.DocumentPage;
import dev.askdocs.index.DocumentSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;

/**
 * Pages of the document listing. Document records carry no sort values, so a page walks the
 * source-path terms in order from where the last page ended and keeps the records that the filter
 * and the query matched: it reads the stored fields of the page's documents only.
 */
final class LuceneDocumentPages {
  private final KeywordQueries keywords;

  LuceneDocumentPages(KeywordQueries keywords) {
    this.keywords = keywords;
  }

  DocumentPage page(
      IndexSearcher searcher, ChunkFilter filter, String query, DocumentPage.After after, int limit)
      throws IOException {
    Query matching = matching(searcher, filter, query);
    IndexReader reader = searcher.getIndexReader();
    FixedBitSet hits = new FixedBitSet(Math.max(1, reader.maxDoc()));
    searcher.search(matching, new Marker(hits));
    int total = hits.cardinality();
    List<DocumentSummary> out = new ArrayList<>();
    boolean more = false;
    Terms terms = MultiTerms.getTerms(reader, LuceneDocuments.SOURCE_PATH);
    StoredFields fields = searcher.storedFields();
    if (terms != null && total > 0) {
      TermsEnum te = terms.iterator();
      BytesRef term =
          after == null
              ? te.next()
              : te.seekCeil(new BytesRef(after.source())) == TermsEnum.SeekStatus.END
                  ? null
                  : te.term();
      PostingsEnum postings = null;
      for (; term != null && !more; term = te.next()) {
        // One source path may be a document in several collections: ordered by id within it.
        TreeMap<String, DocumentSummary> same = new TreeMap<>();
        postings = te.postings(postings, PostingsEnum.NONE);
        for (int doc = postings.nextDoc();
            doc != DocIdSetIterator.NO_MORE_DOCS;
            doc = postings.nextDoc()) {
          if (hits.get(doc)) {
            DocumentSummary d =
                LuceneDocuments.toDocument(
                        fields.document(doc, LuceneDocuments.SUMMARY_FIELDS), false)
                    .summary();
            if (after == null
                || !d.source().equals(after.source())
                || d.id().compareTo(after.id()) > 0) {
              same.put(d.id(), d);
            }
          }
        }
        for (DocumentSummary d : same.values()) {
          if (out.size() == limit) {
            more = true;
            break;
          }
          out.add(d);
        }
      }
    }
    DocumentPage.After next = more ? DocumentPage.After.of(out.get(out.size() - 1)) : null;
    return new DocumentPage(out, next, total);
  }

  /** Document records passing the filter whose title or source path matches the query. */
  private Query matching(IndexSearcher searcher, ChunkFilter filter, String query)
      throws IOException {
    Query records = LuceneDocuments.documentRecordsQuery(filter);
    if (query == null || query.isBlank()) {
      return records;
    }
    BooleanQuery.Builder either = new BooleanQuery.Builder();
    either.add(
        new RegexpQuery(
            new Term(LuceneDocuments.SOURCE_PATH, KeywordQueries.containsRegex(query.strip())),
            RegExp.NONE,
            0,
            Operations.DEFAULT_DETERMINIZE_WORK_LIMIT),
        BooleanClause.Occur.SHOULD);
    Set<String> titled = titled(searcher, filter, query);
    if (!titled.isEmpty()) {
      either.add(
          new TermInSetQuery(
              LuceneDocuments.DOC_ID, titled.stream().sorted().map(BytesRef::new).toList()),
          BooleanClause.Occur.SHOULD);
    }
    return new BooleanQuery.Builder()
        .add(records, BooleanClause.Occur.FILTER)
        .add(either.build(), BooleanClause.Occur.FILTER)
        .build();
  }

  /** Ids of the documents (passing the filter) whose title has every word of the query. */
  private Set<String> titled(IndexSearcher searcher, ChunkFilter filter, String query)
      throws IOException {
    Set<String> words = keywords.terms(query);
    Set<String> ids = new HashSet<>();
    if (words.isEmpty()) {
      return ids;
    }
    BooleanQuery.Builder b =
        new BooleanQuery.Builder()
            .add(
                new TermQuery(new Term(LuceneDocuments.KIND, LuceneDocuments.KIND_CHUNK)),
                BooleanClause.Occur.FILTER);
    for (String w : words) {
      b.add(new TermQuery(new Term(LuceneDocuments.TITLE, w)), BooleanClause.Occur.FILTER);
    }
    Query only = LuceneDocuments.filterQuery(filter);
    if (only != null) {
      b.add(only, BooleanClause.Occur.FILTER);
    }
    FixedBitSet chunks = new FixedBitSet(Math.max(1, searcher.getIndexReader().maxDoc()));
    searcher.search(b.build(), new Marker(chunks));
    StoredFields fields = searcher.storedFields();
    Set<String> idField = Set.of(LuceneDocuments.DOC_ID);
    for (int doc = chunks.nextSetBit(0);
        doc != DocIdSetIterator.NO_MORE_DOCS;
        doc =
            doc + 1 < chunks.length()
                ? chunks.nextSetBit(doc + 1)
                : DocIdSetIterator.NO_MORE_DOCS) {
      ids.add(fields.document(doc, idField).get(LuceneDocuments.DOC_ID));
    }
    return ids;
  }

  /** Marks the matching documents' global numbers. */
  private static final class Marker extends SimpleCollector {
    private final FixedBitSet bits;
    private int base;

    Marker(FixedBitSet bits) {
      this.bits = bits;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) {
      base = context.docBase;
    }

    @Override
    public void collect(int doc) {
      bits.set(base + doc);
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
