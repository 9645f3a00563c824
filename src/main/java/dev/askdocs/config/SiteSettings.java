package dev.askdocs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;

/**
 * A web site a collection follows: crawled from its start pages and sitemap, within one host and
 * path prefix, at a polite rate, up to a page limit, and crawled again on a schedule.
 *
 * @param urls start pages; the first one's host and path prefix bound the crawl unless {@code
 *     prefix} says otherwise
 * @param sitemap a {@code sitemap.xml} to read start pages from, or null
 * @param prefix only URLs starting with this are followed; null: the first start URL up to its last
 *     '/'
 * @param maxPages at most this many pages are kept
 * @param delayMillis pause between two requests to the site
 * @param recrawlMinutes how often the site is crawled again (with conditional requests)
 */
public record SiteSettings(
    @JsonProperty("urls") List<URI> urls,
    @JsonProperty("sitemap") URI sitemap,
    @JsonProperty("prefix") String prefix,
    @JsonProperty("maxPages") Integer maxPages,
    @JsonProperty("delayMillis") Integer delayMillis,
    @JsonProperty("recrawlMinutes") Integer recrawlMinutes) {
  public static final int DEFAULT_MAX_PAGES = 1000;
  public static final int DEFAULT_DELAY_MILLIS = 500;
  public static final int DEFAULT_RECRAWL_MINUTES = 24 * 60;

  public SiteSettings {
    urls = urls == null ? List.of() : List.copyOf(urls);
    if (urls.isEmpty() && sitemap == null) {
      throw new IllegalArgumentException("a site needs 'urls' or a 'sitemap'");
    }
    for (URI u : sitemap == null ? urls : concat(urls, sitemap)) {
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException("'" + u + "' is not an http(s) URL");
      }
    }
    maxPages = maxPages == null ? DEFAULT_MAX_PAGES : maxPages;
    delayMillis = delayMillis == null ? DEFAULT_DELAY_MILLIS : delayMillis;
    recrawlMinutes = recrawlMinutes == null ? DEFAULT_RECRAWL_MINUTES : recrawlMinutes;
    if (maxPages < 1 || maxPages > 1_000_000) {
      throw new IllegalArgumentException("'maxPages' must be between 1 and 1000000");
    }
    if (delayMillis < 0 || delayMillis > 60_000) {
      throw new IllegalArgumentException("'delayMillis' must be between 0 and 60000");
    }
    if (recrawlMinutes < 1) {
      throw new IllegalArgumentException("'recrawlMinutes' must be at least 1");
    }
  }

  /** The URL prefix the crawl stays within. */
  public String effectivePrefix() {
    if (prefix != null && !prefix.isBlank()) {
      return prefix;
    }
    String first = (urls.isEmpty() ? sitemap : urls.get(0)).toString();
    return first.substring(0, first.lastIndexOf('/') + 1);
  }

  private static List<URI> concat(List<URI> a, URI b) {
    List<URI> all = new java.util.ArrayList<>(a);
    all.add(b);
    return all;
  }
}
