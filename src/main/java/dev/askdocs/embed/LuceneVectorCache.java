package dev.askdocs.embed;

import static dev.askdocs.store.LuceneReads.withSearcher;

import dev.askdocs.AskdocsException;
import dev.askdocs.store.LuceneSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * Vectors of texts kept on disk, in a small Lucene index of their own: the answerer's sentence
 * vectors, computed once at ingest so that answering a question embeds only the question.
 *
 * <p>It is a cache: an entry is a text's vector by the model, from a run of its own or pooled from
 * the run of a chunk that holds it ({@link Embedder#embedAllWithSpans}); either serves, so an entry
 * is never wrong, a missing one only costs a model run, and a vector of a deleted document does no
 * harm (it takes disk space until the folder is deleted). The model's name is kept in the commit
 * data and a cache built with another model is emptied on open. Vectors are stored as 8-bit
 * integers with one scale per vector (384 bytes plus 4; cosine error about 1e-4).
 *
 * <p>Thread-safe. Entries added become visible to {@link #find} after {@link #commit}.
 */
public final class LuceneVectorCache implements AutoCloseable {
  /** The folder, inside the index folder, where askdocs keeps the answerer's sentence vectors. */
  public static final String FOLDER = "sentence-vectors";

  private static final String KEY = "k";
  private static final String VECTOR = "v";
  private static final String MODEL_KEY = "askdocs.embedding.model";

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final int dimension;

  private LuceneVectorCache(Path dir, String model, int dimension) throws IOException {
    this.dimension = dimension;
    this.directory = FSDirectory.open(dir);
    IndexWriterConfig cfg = new IndexWriterConfig(new KeywordAnalyzer());
    // Backups hold the last commit's files while they copy them (see backup).
    cfg.setIndexDeletionPolicy(new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy()));
    this.writer = new IndexWriter(directory, cfg);
    if (DirectoryReader.indexExists(directory)) {
      String builtWith = SegmentInfos.readLatestCommit(directory).getUserData().get(MODEL_KEY);
      if (!model.equals(builtWith)) {
        writer.deleteAll();
      }
    }
    writer.setLiveCommitData(Map.of(MODEL_KEY, model).entrySet());
    writer.commit();
    this.searchers = new SearcherManager(writer, null);
  }

  /**
   * Copies the cache as of its last commit into {@code target} (an empty or new folder) while it is
   * in use.
   *
   * @throws AskdocsException when the copy fails
   */
  public void backup(Path target) {
    try {
      LuceneSnapshots.copy(writer, target);
    } catch (IOException e) {
      throw new AskdocsException("cannot back up the sentence vectors: " + e.getMessage(), e);
    }
  }

  /** Opens (or creates) the cache in {@code dir}. */
  public static LuceneVectorCache open(Path dir, String model, int dimension) {
    try {
      return new LuceneVectorCache(dir, model, dimension);
    } catch (LockObtainFailedException e) {
      throw new AskdocsException(
          "the vector cache at " + dir + " is in use by another askdocs process", e);
    } catch (IOException e) {
      throw new AskdocsException(
          "cannot open the vector cache at " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The vector of {@code text}, or null when it is not cached. */
  public float[] find(String text) {
    return withSearcher(
        searchers,
        searcher -> {
          TopDocs top = searcher.search(new TermQuery(new Term(KEY, key(text))), 1);
          if (top.scoreDocs.length == 0) {
            return null;
          }
          BytesRef bytes =
              searcher.storedFields().document(top.scoreDocs[0].doc).getBinaryValue(VECTOR);
          return decode(bytes);
        });
  }

  /** Those of {@code texts} that are not cached, in their order. */
  public List<String> missing(Collection<String> texts) {
    // Presence only: one searcher for the whole list, and no vector read or decoded.
    return withSearcher(
        searchers,
        searcher -> {
          List<String> out = new ArrayList<>();
          for (String t : texts) {
            if (searcher.count(new TermQuery(new Term(KEY, key(t)))) == 0) {
              out.add(t);
            }
          }
          return out;
        });
  }

  /** Adds (or replaces) the vectors of {@code texts}. */
  public void addAll(List<String> texts, List<float[]> vectors) {
    if (texts.size() != vectors.size()) {
      throw new IllegalArgumentException(texts.size() + " texts but " + vectors.size());
    }
    try {
      for (int i = 0; i < texts.size(); i++) {
        String k = key(texts.get(i));
        Document d = new Document();
        d.add(new StringField(KEY, k, Field.Store.NO));
        d.add(new StoredField(VECTOR, encode(vectors.get(i))));
        writer.updateDocument(new Term(KEY, k), d);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes the entries added so far durable and visible. */
  public void commit() {
    try {
      writer.commit();
      searchers.maybeRefresh();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Cached vectors. */
  public int size() {
    return withSearcher(searchers, searcher -> searcher.getIndexReader().numDocs());
  }

  private byte[] encode(float[] v) {
    if (v.length != dimension) {
      throw new IllegalArgumentException("vector of " + v.length + " dimensions, not " + dimension);
    }
    float max = 0;
    for (float x : v) {
      max = Math.max(max, Math.abs(x));
    }
    float scale = max == 0 ? 1f : max / 127f;
    ByteBuffer out = ByteBuffer.allocate(4 + v.length);
    out.putFloat(scale);
    for (float x : v) {
      out.put((byte) Math.round(x / scale));
    }
    return out.array();
  }

  private static float[] decode(BytesRef bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length);
    float scale = in.getFloat();
    float[] v = new float[bytes.length - 4];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = in.get() * scale;
      norm += (double) v[i] * v[i];
    }
    // Back to unit length, as every vector an Embedder returns.
    float n = norm == 0 ? 1f : (float) (1.0 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= n;
    }
    return v;
  }

  private static String key(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
