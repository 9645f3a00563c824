package dev.askdocs.index.lucene;

import dev.askdocs.index.ChunkHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;

/** Walks every live chunk vector of a searcher: exact search and export, without the graph. */
final class VectorScan {
  private VectorScan() {}

  /** A visitor of one live vector: its Lucene doc id (global) and its values (reused; copy). */
  private interface Visitor {
    void visit(int doc, float[] vector) throws IOException;
  }

  private static void scan(IndexSearcher searcher, Visitor visitor) throws IOException {
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      FloatVectorValues values = leaf.reader().getFloatVectorValues(LuceneDocuments.VECTOR);
      if (values == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = values.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = values.nextDoc()) {
        if (live == null || live.get(doc)) {
          visitor.visit(leaf.docBase + doc, values.vectorValue());
        }
      }
    }
  }

  static List<ChunkHit> nearest(IndexSearcher searcher, float[] query, int n) throws IOException {
    // A min-heap of (score, doc) holding the best n so far.
    PriorityQueue<double[]> best = new PriorityQueue<>(Comparator.comparingDouble(e -> e[0]));
    scan(
        searcher,
        (doc, vector) -> {
          double score = cosine(query, vector);
          if (best.size() < n || score > best.peek()[0]) {
            best.add(new double[] {score, doc});
            if (best.size() > n) {
              best.poll();
            }
          }
        });
    List<double[]> ranked = new ArrayList<>(best);
    ranked.sort(Comparator.comparingDouble((double[] e) -> e[0]).reversed());
    StoredFields fields = searcher.storedFields();
    List<ChunkHit> hits = new ArrayList<>(ranked.size());
    for (double[] e : ranked) {
      hits.add(LuceneDocuments.toHit(fields.document((int) e[1]), e[0]));
    }
    return hits;
  }

  static void forEach(IndexSearcher searcher, BiConsumer<ChunkHit, float[]> visitor)
      throws IOException {
    StoredFields fields = searcher.storedFields();
    scan(
        searcher,
        (doc, vector) ->
            visitor.accept(LuceneDocuments.toHit(fields.document(doc), 0), vector.clone()));
  }

  /** Calls {@code visitor} with each chunk of one document and its vector, in chunk order. */
  static void chunksOf(
      IndexSearcher searcher, String documentId, BiConsumer<ChunkHit, float[]> visitor)
      throws IOException {
    Query chunks =
        new BooleanQuery.Builder()
            .add(
                new TermQuery(new Term(LuceneDocuments.KIND, LuceneDocuments.KIND_CHUNK)),
                BooleanClause.Occur.FILTER)
            .add(
                new TermQuery(new Term(LuceneDocuments.DOC_ID, documentId)),
                BooleanClause.Occur.FILTER)
            .build();
    int n = Math.max(1, searcher.count(chunks));
    ScoreDoc[] docs = searcher.search(chunks, n).scoreDocs;
    StoredFields fields = searcher.storedFields();
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    List<Found> found = new ArrayList<>();
    for (ScoreDoc sd : docs) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
      FloatVectorValues values = leaf.reader().getFloatVectorValues(LuceneDocuments.VECTOR);
      int local = sd.doc - leaf.docBase;
      if (values == null || values.advance(local) != local) {
        throw new IllegalStateException("chunk without a vector in document " + documentId);
      }
      found.add(
          new Found(
              LuceneDocuments.toHit(fields.document(sd.doc), 0), values.vectorValue().clone()));
    }
    found.sort(Comparator.comparingInt(f -> f.hit().chunk().ordinal()));
    found.forEach(f -> visitor.accept(f.hit(), f.vector()));
  }

  private record Found(ChunkHit hit, float[] vector) {}

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
