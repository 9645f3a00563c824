package dev.askdocs.index;

import java.util.List;
import java.util.Set;

/**
 * Which chunks a search may return, applied inside the search (so a filtered search still returns
 * up to {@code n} matching chunks, not the matching part of an unfiltered top {@code n}).
 *
 * @param sourcePrefixes a chunk matches when its document's source path starts with one of these;
 *     empty means any source
 * @param documentIds a chunk matches when its document id is one of these; empty means any document
 * @param collections a chunk matches when its document is in one of these collections; empty means
 *     any collection. This is how access control reaches the index: a caller's searches carry the
 *     collections it may read, so nothing else is ever scored, counted or read.
 */
public record ChunkFilter(
    List<String> sourcePrefixes, Set<String> documentIds, Set<String> collections) {
  /** Matches every chunk. */
  public static final ChunkFilter NONE = new ChunkFilter(List.of(), Set.of(), Set.of());

  public ChunkFilter {
    sourcePrefixes = List.copyOf(sourcePrefixes);
    documentIds = Set.copyOf(documentIds);
    collections = Set.copyOf(collections);
  }

  public ChunkFilter(List<String> sourcePrefixes, Set<String> documentIds) {
    this(sourcePrefixes, documentIds, Set.of());
  }

  public static ChunkFilter sourcePrefixes(List<String> prefixes) {
    return new ChunkFilter(prefixes, Set.of());
  }

  public static ChunkFilter documentIds(Set<String> ids) {
    return new ChunkFilter(List.of(), ids);
  }

  /** Chunks of documents in these collections only. */
  public static ChunkFilter collections(Set<String> names) {
    return new ChunkFilter(List.of(), Set.of(), names);
  }

  /** This filter, further limited to documents in {@code names}. */
  public ChunkFilter within(Set<String> names) {
    return new ChunkFilter(sourcePrefixes, documentIds, names);
  }

  /**
   * This filter's sources and collections, for the chunks of document {@code id} only: a document
   * found under this filter, read further under the same access.
   */
  public ChunkFilter onlyDocument(String id) {
    return new ChunkFilter(sourcePrefixes, Set.of(id), collections);
  }

  /** True when this filter lets every chunk through. */
  public boolean isEmpty() {
    return sourcePrefixes.isEmpty() && documentIds.isEmpty() && collections.isEmpty();
  }
}
