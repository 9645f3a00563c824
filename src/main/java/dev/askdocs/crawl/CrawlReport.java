package dev.askdocs.crawl;

import java.util.List;

/**
 * What one crawl did.
 *
 * @param requests HTTP requests sent for pages (robots.txt and sitemaps not counted)
 * @param notModified pages that answered 304 Not Modified: nothing read, nothing written
 * @param unchanged pages read again whose mirror copy came out byte for byte the same: not written
 * @param written mirror files written (new or changed pages)
 * @param removed mirror files deleted because their page answered 404 or 410
 * @param failed pages that could not be fetched this time (errors, timeouts, 5xx): kept as they
 *     were
 * @param skipped URLs not fetched or not kept: outside the prefix, disallowed by robots.txt, not
 *     HTML, too large, or a duplicate of a page already kept under its canonical URL
 * @param pages the canonical URLs of the pages the mirror holds after the crawl
 */
public record CrawlReport(
    int requests,
    int notModified,
    int unchanged,
    int written,
    int removed,
    int failed,
    int skipped,
    List<String> pages) {
  public CrawlReport {
    pages = List.copyOf(pages);
  }

  /** Whether the mirror folder changed: a file was written or deleted. */
  public boolean changed() {
    return written > 0 || removed > 0;
  }
}
