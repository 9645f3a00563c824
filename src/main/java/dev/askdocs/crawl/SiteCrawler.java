package dev.askdocs.crawl;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import dev.askdocs.config.SiteSettings;
import dev.askdocs.config.Version;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors one web site into a local folder that the folder ingest reads: one {@code .html} file per
 * page ({@link MirrorPaths}), holding the page's main content ({@link MainContent}) and its
 * canonical URL, plus the crawl state ({@link CrawlState}) beside them.
 *
 * <p>A crawl starts from the configured URLs, the sitemap's URLs and every URL the mirror already
 * holds, and follows links within the site's prefix, obeying robots.txt, one request at a time with
 * the configured pause between requests (or the robots.txt Crawl-delay, when longer), up to {@code
 * maxPages} pages. Redirects are followed only within the prefix. Only HTML pages of at most
 * {@value #MAX_PAGE_BYTES} bytes are kept. Pages the mirror holds are asked for with their ETag and
 * Last-Modified; a 304, or a page whose copy comes out the same, leaves its file untouched. A page
 * that answers 404 or 410 loses its file. A page that is no longer linked from anywhere is still
 * asked for (its URL is in the state) and kept until it answers 404 or 410. Any other failure keeps
 * the file as it was.
 *
 * <p>One crawl at a time: {@link #crawl} is synchronized.
 */
public final class SiteCrawler {
  /** The largest page kept, in bytes. */
  public static final int MAX_PAGE_BYTES = 10 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(SiteCrawler.class);
  private static final int MAX_SITEMAPS = 50;

  private final SiteSettings site;
  private final Path mirror;
  private final String userAgent;
  private final Duration timeout;
  private final HttpClient http;

  /** A crawler of {@code site} into {@code mirror}, as {@code askdocs/<version>}, 30 s timeouts. */
  public SiteCrawler(SiteSettings site, Path mirror) {
    this(site, mirror, "askdocs/" + Version.current(), Duration.ofSeconds(30));
  }

  SiteCrawler(SiteSettings site, Path mirror, String userAgent, Duration timeout) {
    this.site = site;
    this.mirror = mirror.toAbsolutePath().normalize();
    this.userAgent = userAgent;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .build();
  }

  /** The folder the site is mirrored into. */
  public Path mirror() {
    return mirror;
  }

  /**
   * Crawls the site once, bringing the mirror up to date.
   *
   * @throws IOException when the mirror folder cannot be written
   * @throws InterruptedException when interrupted between two requests; the state is saved first
   */
  public synchronized CrawlReport crawl() throws IOException, InterruptedException {
    String prefix = site.effectivePrefix();
    URI prefixUri = CrawlUrls.resolve(null, prefix);
    Pacer pacer = new Pacer(site.delayMillis());
    RobotsRules robots = robots(prefixUri, pacer);
    pacer.atLeast(robots.crawlDelayMillis());
    CrawlState state = CrawlState.read(mirror);
    Crawl crawl = new Crawl(site, mirror, prefix, robots, state, pacer, this::get, this::send);
    for (URI start : site.urls()) {
      crawl.enqueue(CrawlUrls.normalise(start));
    }
    if (site.sitemap() != null) {
      for (URI u : sitemapUrls(site.sitemap(), pacer)) {
        crawl.enqueue(u);
      }
    }
    for (String known : state.urls()) {
      crawl.enqueue(CrawlUrls.resolve(null, known));
    }
    try {
      return crawl.run();
    } finally {
      state.write(mirror);
    }
  }

  private RobotsRules robots(URI prefixUri, Pacer pacer) throws InterruptedException {
    URI robotsUrl = prefixUri.resolve("/robots.txt");
    try {
      pacer.pause();
      HttpResponse<byte[]> r =
          send(get(robotsUrl).build(), HttpResponse.BodyHandlers.ofByteArray());
      return RobotsRules.of(robotsUrl, r.statusCode(), r.body());
    } catch (IOException e) {
      LOG.warn(
          "{} could not be fetched ({}): nothing of the site is crawled", robotsUrl, e.toString());
      return RobotsRules.unreachable();
    }
  }

  /** The page URLs of a sitemap, and of the sitemaps a sitemap index lists (up to 50 of them). */
  private List<URI> sitemapUrls(URI sitemap, Pacer pacer) throws InterruptedException {
    List<URI> urls = new ArrayList<>();
    Deque<URI> maps = new ArrayDeque<>(List.of(sitemap));
    Set<URI> read = new HashSet<>();
    SiteMapParser parser = new SiteMapParser(false);
    while (!maps.isEmpty() && read.size() < MAX_SITEMAPS) {
      URI map = maps.poll();
      if (!read.add(map)) {
        continue;
      }
      try {
        pacer.pause();
        HttpResponse<byte[]> r = send(get(map).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
          LOG.warn("sitemap {} answered {}", map, r.statusCode());
          continue;
        }
        AbstractSiteMap parsed = parser.parseSiteMap(r.body(), map.toURL());
        if (parsed instanceof SiteMapIndex index) {
          for (AbstractSiteMap child : index.getSitemaps()) {
            maps.add(URI.create(child.getUrl().toString()));
          }
        } else if (parsed instanceof SiteMap pages) {
          for (SiteMapURL u : pages.getSiteMapUrls()) {
            URI page = CrawlUrls.resolve(null, u.getUrl().toString());
            if (page != null) {
              urls.add(page);
            }
          }
        }
      } catch (IOException | UnknownFormatException | IllegalArgumentException e) {
        LOG.warn("sitemap {} could not be read: {}", map, e.toString());
      }
    }
    return urls;
  }

  HttpRequest.Builder get(URI url) {
    return HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("User-Agent", userAgent)
        .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
        .GET();
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    return http.send(request, body);
  }

  /** Sends a page request; the body is a stream the caller reads at most the cap of and closes. */
  private HttpResponse<InputStream> send(HttpRequest request)
      throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Whether a response's Content-Type is HTML. */
  static boolean isHtml(String contentType) {
    String t = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
    return t.startsWith("text/html") || t.startsWith("application/xhtml+xml");
  }

  /** The politeness pause: the time since the last request is at least the delay. */
  static final class Pacer {
    private long delayMillis;
    private long lastNanos;
    private boolean first = true;

    Pacer(long delayMillis) {
      this.delayMillis = delayMillis;
    }

    void atLeast(long millis) {
      delayMillis = Math.max(delayMillis, millis);
    }

    void pause() throws InterruptedException {
      if (!first) {
        long waitNanos = lastNanos + delayMillis * 1_000_000 - System.nanoTime();
        if (waitNanos > 0) {
          Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
      }
      first = false;
      lastNanos = System.nanoTime();
    }
  }

  /** Sends one page request. */
  interface Sender {
    HttpResponse<InputStream> send(HttpRequest request) throws IOException, InterruptedException;
  }
}
