package dev.askdocs.index.lucene;

import static dev.askdocs.store.LuceneReads.withSearcher;

import dev.askdocs.AskdocsException;
import dev.askdocs.index.ConversationIndex;
import dev.askdocs.store.LuceneReads;
import dev.askdocs.store.LuceneSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * {@link ConversationIndex} on a small Lucene index in a folder of its own (beside the chunk
 * index): one document per conversation, keyed by owner and id, and one per claimed event key. One
 * {@link IndexWriter}; every change is committed, so a conversation survives a crash. Thread-safe.
 */
public final class LuceneConversationIndex implements ConversationIndex {
  /** The folder, inside the index folder, where the serving process keeps the conversations. */
  public static final String FOLDER = "conversations";

  private static final String KEY = "key";
  private static final String TYPE = "type";
  private static final String OWNER = "owner";
  private static final String ID = "id";
  private static final String COLLECTION = "collection";
  private static final String TITLE = "title";
  private static final String UPDATED = "updated";
  private static final String TURNS = "turns";
  private static final String TEXT = "text";
  private static final String CONVERSATION = "conversation";
  private static final String EVENT = "event";

  private final Directory directory;
  private final Analyzer analyzer = new EnglishAnalyzer();
  private final IndexWriter writer;
  private final SearcherManager searchers;

  private LuceneConversationIndex(Directory directory) throws IOException {
    this.directory = directory;
    // Backups hold the last commit's files while they copy them (see backup).
    this.writer =
        new IndexWriter(
            directory,
            new IndexWriterConfig(analyzer)
                .setIndexDeletionPolicy(
                    new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy())));
    writer.commit();
    this.searchers = new SearcherManager(writer, null);
  }

  /** Opens (creating if needed) the conversations kept in folder {@code dir}. */
  public static LuceneConversationIndex open(Path dir) {
    try {
      return new LuceneConversationIndex(FSDirectory.open(dir));
    } catch (IOException e) {
      throw new AskdocsException("cannot open the conversations in " + dir + ": " + e, e);
    }
  }

  /**
   * Conversations kept in memory only, forgotten at close: for a process that only reads the index
   * while another holds it (the folder's conversations are that other process's).
   */
  public static LuceneConversationIndex inMemory() {
    try {
      return new LuceneConversationIndex(new ByteBuffersDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean backup(Path target) {
    if (!(directory instanceof FSDirectory)) {
      return false;
    }
    try {
      LuceneSnapshots.copy(writer, target);
      return true;
    } catch (IOException e) {
      throw new AskdocsException("cannot back up the conversations: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<StoredConversation> get(String owner, String id) {
    return search(s -> s.search(new TermQuery(new Term(KEY, key(owner, id))), 1)).stream()
        .findFirst();
  }

  @Override
  public synchronized void upsert(StoredConversation c) {
    Document d = new Document();
    d.add(new StringField(KEY, key(c.owner(), c.id()), Field.Store.NO));
    d.add(new StringField(TYPE, CONVERSATION, Field.Store.NO));
    d.add(new StringField(OWNER, c.owner(), Field.Store.YES));
    d.add(new StoredField(ID, c.id()));
    d.add(new StoredField(COLLECTION, c.collection()));
    d.add(new StoredField(TITLE, c.title()));
    long updated = c.updatedAt().toEpochMilli();
    d.add(new LongPoint(UPDATED, updated));
    d.add(new NumericDocValuesField(UPDATED, updated));
    d.add(new StoredField(UPDATED, updated));
    d.add(new StoredField(TURNS, c.turns()));
    d.add(new TextField(TEXT, c.title() + "\n" + c.text(), Field.Store.NO));
    write(w -> w.updateDocument(new Term(KEY, key(c.owner(), c.id())), d));
  }

  @Override
  public Page list(String owner, String query, int limit, String cursor) {
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    q.add(new TermQuery(new Term(TYPE, CONVERSATION)), BooleanClause.Occur.FILTER);
    q.add(new TermQuery(new Term(OWNER, owner)), BooleanClause.Occur.FILTER);
    for (String term : terms(query == null ? "" : query)) {
      q.add(new TermQuery(new Term(TEXT, term)), BooleanClause.Occur.FILTER);
    }
    Sort newest = new Sort(new SortField(UPDATED, SortField.Type.LONG, true));
    List<StoredConversation> found =
        search(s -> s.search(q.build(), from + limit + 1, newest, false));
    List<StoredConversation> page = found.subList(Math.min(from, found.size()), found.size());
    boolean more = page.size() > limit;
    return new Page(
        List.copyOf(more ? page.subList(0, limit) : page),
        more ? String.valueOf(from + limit) : null);
  }

  @Override
  public synchronized boolean delete(String owner, String id) {
    if (get(owner, id).isEmpty()) {
      return false;
    }
    write(w -> w.deleteDocuments(new Term(KEY, key(owner, id))));
    return true;
  }

  @Override
  public synchronized int deleteAll(String owner) {
    Query q =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(TYPE, CONVERSATION)), BooleanClause.Occur.FILTER)
            .add(new TermQuery(new Term(OWNER, owner)), BooleanClause.Occur.FILTER)
            .build();
    return deleteMatching(q);
  }

  @Override
  public synchronized int deleteUpdatedBefore(Instant cutoff) {
    Query q =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(TYPE, CONVERSATION)), BooleanClause.Occur.FILTER)
            .add(
                LongPoint.newRangeQuery(UPDATED, Long.MIN_VALUE, cutoff.toEpochMilli() - 1),
                BooleanClause.Occur.FILTER)
            .build();
    return deleteMatching(q);
  }

  @Override
  public synchronized boolean claim(String key, Instant now, Instant forgetBefore) {
    Query old =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(TYPE, EVENT)), BooleanClause.Occur.FILTER)
            .add(
                LongPoint.newRangeQuery(UPDATED, Long.MIN_VALUE, forgetBefore.toEpochMilli() - 1),
                BooleanClause.Occur.FILTER)
            .build();
    Term k = new Term(KEY, EVENT + "\u0000" + key);
    try {
      writer.deleteDocuments(old);
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (withSearcher(searchers, s -> s.count(new TermQuery(k))) > 0) {
      return false;
    }
    Document d = new Document();
    d.add(new StringField(KEY, k.text(), Field.Store.NO));
    d.add(new StringField(TYPE, EVENT, Field.Store.NO));
    // The same field types as a conversation's: Lucene refuses a field indexed two ways.
    d.add(new LongPoint(UPDATED, now.toEpochMilli()));
    d.add(new NumericDocValuesField(UPDATED, now.toEpochMilli()));
    write(w -> w.updateDocument(k, d));
    return true;
  }

  @Override
  public synchronized void release(String key) {
    write(w -> w.deleteDocuments(new Term(KEY, EVENT + "\u0000" + key)));
  }

  @Override
  public synchronized void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int deleteMatching(Query q) {
    int n = withSearcher(searchers, s -> s.count(q));
    if (n > 0) {
      write(w -> w.deleteDocuments(q));
    }
    return n;
  }

  private List<String> terms(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private interface Write {
    void run(IndexWriter w) throws IOException;
  }

  private List<StoredConversation> search(LuceneReads.Read<TopDocs> search) {
    return withSearcher(
        searchers,
        s -> {
          List<StoredConversation> out = new ArrayList<>();
          for (ScoreDoc hit : search.apply(s).scoreDocs) {
            Document d = s.storedFields().document(hit.doc);
            out.add(
                new StoredConversation(
                    d.get(OWNER),
                    d.get(ID),
                    d.get(COLLECTION),
                    d.get(TITLE),
                    Instant.ofEpochMilli(d.getField(UPDATED).numericValue().longValue()),
                    d.get(TURNS),
                    ""));
          }
          return out;
        });
  }

  private void write(Write change) {
    try {
      change.run(writer);
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String key(String owner, String id) {
    return CONVERSATION + "\u0000" + owner + "\u0000" + id;
  }
}
