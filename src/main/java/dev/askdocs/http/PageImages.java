package dev.askdocs.http;

import dev.askdocs.NotFoundException;
import dev.askdocs.index.IndexedDocument;
import dev.askdocs.ingest.Source;
import dev.askdocs.load.PdfPages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Pages of indexed PDFs as images, from the files in the collections' folders, with the quoted
 * passage highlighted; the last few rendered are kept in memory. The caller's access is checked
 * before, by looking the document up with the caller's filter. Thread-safe.
 */
final class PageImages {
  private static final int CACHED = 24;

  private final Supplier<List<Source>> sources;
  private final Map<String, PdfPages.Rendered> cache =
      new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PdfPages.Rendered> eldest) {
          return size() > CACHED;
        }
      };

  /**
   * @param sources the collections' folders, where documents' files are found by source path
   */
  PageImages(Supplier<List<Source>> sources) {
    this.sources = sources;
  }

  /** Page {@code page} of {@code d}, which the caller may read. */
  PdfPages.Rendered render(IndexedDocument d, int page, String quote) {
    if (!d.source().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
      throw new NotFoundException("'" + d.source() + "' is not a PDF: it has no page images");
    }
    String key = d.id() + "\u0000" + d.contentHash() + "\u0000" + page + "\u0000" + quote;
    synchronized (cache) {
      PdfPages.Rendered hit = cache.get(key);
      if (hit != null) {
        return hit;
      }
    }
    PdfPages.Rendered r = PdfPages.render(fileOf(d), page, quote);
    synchronized (cache) {
      cache.put(key, r);
    }
    return r;
  }

  /** The file a document was read from, inside its collection's folder. */
  private Path fileOf(IndexedDocument d) {
    for (Source s : sources.get()) {
      if (s.collection().equals(d.collection()) && d.source().startsWith(s.prefix())) {
        Path folder = s.folder().toAbsolutePath().normalize();
        Path file = folder.resolve(d.source().substring(s.prefix().length())).normalize();
        if (file.startsWith(folder) && Files.isRegularFile(file)) {
          return file;
        }
      }
    }
    throw new NotFoundException("the file of '" + d.source() + "' is no longer in its folder");
  }
}
