package dev.askdocs.crawl;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the crawler remembers of a site between crawls, kept as {@value #FILE_NAME} in the mirror
 * folder (a hidden file, so the ingest never reads it) and replaced atomically: per fetched URL,
 * the validators for a conditional request, the mirror file, the last status and the page's links
 * (so that a page answering 304 still leads the crawl on). Not thread-safe; one crawl uses it at a
 * time.
 */
final class CrawlState {
  static final String FILE_NAME = ".crawl-state.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * One fetched URL.
   *
   * @param url the URL requested (normalised)
   * @param canonical the page's canonical URL, which names its file
   * @param file the mirror file, relative to the mirror folder, '/'-separated
   * @param etag the ETag of the last 200, or null
   * @param lastModified the Last-Modified of the last 200, or null
   * @param status the last status answered
   * @param sha256 digest of the mirror file's bytes
   * @param links the in-prefix links the page had when last read
   */
  record Page(
      @JsonProperty("url") String url,
      @JsonProperty("canonical") String canonical,
      @JsonProperty("file") String file,
      @JsonProperty("etag") String etag,
      @JsonProperty("lastModified") String lastModified,
      @JsonProperty("status") int status,
      @JsonProperty("sha256") String sha256,
      @JsonProperty("links") List<String> links) {
    Page {
      links = links == null ? List.of() : List.copyOf(links);
    }
  }

  private record Stored(@JsonProperty("pages") List<Page> pages) {}

  private final Map<String, Page> pages = new LinkedHashMap<>();

  /** The state kept in {@code mirror}, or an empty one when there is none yet. */
  static CrawlState read(Path mirror) {
    CrawlState state = new CrawlState();
    Path file = mirror.resolve(FILE_NAME);
    if (Files.exists(file)) {
      try {
        Stored stored = JSON.readValue(file.toFile(), Stored.class);
        if (stored.pages() != null) {
          stored.pages().forEach(p -> state.pages.put(p.url(), p));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the crawl state " + file, e);
      }
    }
    return state;
  }

  /** Writes the state into {@code mirror}, atomically. */
  void write(Path mirror) throws IOException {
    MirrorFiles.writeAtomically(
        mirror.resolve(FILE_NAME), JSON.writeValueAsBytes(new Stored(List.copyOf(pages.values()))));
  }

  Page get(String url) {
    return pages.get(url);
  }

  void put(Page page) {
    pages.put(page.url(), page);
  }

  void remove(String url) {
    pages.remove(url);
  }

  /** Every URL remembered, in the order first seen. */
  List<String> urls() {
    return List.copyOf(pages.keySet());
  }

  /** Whether another remembered URL than {@code url} mirrors into {@code file}. */
  boolean fileSharedBeyond(String url, String file) {
    return pages.values().stream().anyMatch(p -> !p.url().equals(url) && p.file().equals(file));
  }
}
