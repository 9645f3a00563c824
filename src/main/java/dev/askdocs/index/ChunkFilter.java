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
 */
public record ChunkFilter(List<String> sourcePrefixes, Set<String> documentIds) {
  /** Matches every chunk. */
  public static final ChunkFilter NONE = new ChunkFilter(List.of(), Set.of());

  public ChunkFilter {
    sourcePrefixes = List.copyOf(sourcePrefixes);
    documentIds = Set.copyOf(documentIds);
  }

  public static ChunkFilter sourcePrefixes(List<String> prefixes) {
    return new ChunkFilter(prefixes, Set.of());
  }

  public static ChunkFilter documentIds(Set<String> ids) {
    return new ChunkFilter(List.of(), ids);
  }

  /** True when this filter lets every chunk through. */
  public boolean isEmpty() {
    return sourcePrefixes.isEmpty() && documentIds.isEmpty();
  }
}
