package dev.askdocs.ingest;

import dev.askdocs.config.CollectionSettings;
import dev.askdocs.index.ChunkFilter;
import dev.askdocs.index.IndexedDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A folder whose documents belong to one collection. A document's source path is {@code prefix}
 * plus its path in the folder; the prefix is empty when the collection has one folder, else the
 * folder's name, so two folders of a collection never give two documents one path.
 *
 * @param collection the collection its documents belong to
 * @param folder the folder
 * @param prefix put in front of every source path: empty, or ends with '/'
 */
public record Source(String collection, Path folder, String prefix) {
  public Source {
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new IllegalArgumentException("a source prefix ends with '/': " + prefix);
    }
  }

  /** A folder of the {@code default} collection, as before collections existed. */
  public static Source of(Path folder) {
    return new Source(IndexedDocument.DEFAULT_COLLECTION, folder, "");
  }

  /** The folders of these collections, each with its prefix, in declaration order. */
  public static List<Source> of(List<CollectionSettings> collections) {
    List<Source> out = new ArrayList<>();
    for (CollectionSettings c : collections) {
      out.addAll(of(c.name(), c.folders()));
    }
    return out;
  }

  /** The folders of one collection; more than one get their names as prefixes. */
  public static List<Source> of(String collection, List<Path> folders) {
    List<Source> out = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Path f : folders) {
      String prefix = "";
      if (folders.size() > 1) {
        Path name = f.toAbsolutePath().normalize().getFileName();
        String base = name == null ? "folder" : name.toString();
        String p = base;
        for (int i = 2; !used.add(p); i++) {
          p = base + "-" + i;
        }
        prefix = p + "/";
      }
      out.add(new Source(collection, f, prefix));
    }
    return out;
  }

  /** The source path of a file in this folder. */
  public String sourceOf(Path file) {
    return prefix + folder.relativize(file).toString().replace('\\', '/');
  }

  /**
   * The id of the document at {@code source}: stable, and distinct across collections. Documents of
   * {@code default} keep the ids they had before collections existed.
   */
  public String documentId(String source) {
    return IndexedDocument.DEFAULT_COLLECTION.equals(collection)
        ? ContentHashes.documentId(source)
        : ContentHashes.documentId(collection + "\u0000" + source);
  }

  /** The documents this folder owns in the index: its collection, under its prefix. */
  public ChunkFilter scope() {
    return new ChunkFilter(
        prefix.isEmpty() ? List.of() : List.of(prefix), Set.of(), Set.of(collection));
  }
}
