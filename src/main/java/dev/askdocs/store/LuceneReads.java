package dev.askdocs.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;

/**
 * Reads of a Lucene index through its {@link SearcherManager}: a searcher acquired for one read and
 * released in {@code finally}, whatever the read does. Used by every Lucene index askdocs keeps
 * (the chunks, the conversations, the sentence vectors). Stateless.
 */
public final class LuceneReads {
  private LuceneReads() {}

  /** A read of one searcher; it must not keep the searcher. */
  @FunctionalInterface
  public interface Read<T> {
    /** What the read finds with {@code searcher}. */
    T apply(IndexSearcher searcher) throws IOException;
  }

  /**
   * Runs {@code read} on a searcher acquired from {@code searchers} and released afterwards.
   *
   * @throws UncheckedIOException when acquiring, reading or releasing fails
   */
  public static <T> T withSearcher(SearcherManager searchers, Read<T> read) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return read.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
