package dev.askdocs.crawl;

import dev.askdocs.config.SiteSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One crawl of one site: the queue, the counts, and what each answer does to the mirror. */
final class Crawl {
  private static final Logger LOG = LoggerFactory.getLogger(Crawl.class);
  private static final int MAX_REDIRECTS = 5;

  private final SiteSettings site;
  private final Path mirror;
  private final String prefix;
  private final RobotsRules robots;
  private final CrawlState state;
  private final SiteCrawler.Pacer pacer;
  private final Function<URI, HttpRequest.Builder> requests;
  private final SiteCrawler.Sender sender;

  private final Deque<URI> queue = new ArrayDeque<>();
  private final Set<String> queued = new HashSet<>();
  private final Set<String> kept = new LinkedHashSet<>();
  private int requestCount;
  private int notModified;
  private int unchanged;
  private int written;
  private int removed;
  private int failed;
  private int skipped;

  Crawl(
      SiteSettings site,
      Path mirror,
      String prefix,
      RobotsRules robots,
      CrawlState state,
      SiteCrawler.Pacer pacer,
      Function<URI, HttpRequest.Builder> requests,
      SiteCrawler.Sender sender) {
    this.site = site;
    this.mirror = mirror;
    this.prefix = prefix;
    this.robots = robots;
    this.state = state;
    this.pacer = pacer;
    this.requests = requests;
    this.sender = sender;
  }

  /** Queues {@code url} once; a URL outside the prefix or disallowed is counted and never asked. */
  void enqueue(URI url) {
    if (url == null || !queued.add(url.toString())) {
      return;
    }
    if (admitted(url)) {
      queue.add(url);
    } else {
      skipped++;
    }
  }

  private boolean admitted(URI url) {
    return CrawlUrls.within(url, prefix) && robots.allows(url);
  }

  CrawlReport run() throws IOException, InterruptedException {
    while (!queue.isEmpty() && kept.size() < site.maxPages()) {
      visit(queue.poll());
    }
    LOG.info(
        "crawled {}: {} pages, {} requests, {} not modified, {} unchanged, {} written, {} removed,"
            + " {} failed, {} skipped",
        prefix,
        kept.size(),
        requestCount,
        notModified,
        unchanged,
        written,
        removed,
        failed,
        skipped);
    return new CrawlReport(
        requestCount, notModified, unchanged, written, removed, failed, skipped, List.copyOf(kept));
  }

  private void visit(URI url) throws IOException, InterruptedException {
    URI current = url;
    for (int hop = 0; ; hop++) {
      CrawlState.Page old = state.get(current.toString());
      HttpRequest.Builder request = requests.apply(current);
      if (old != null && Files.exists(fileOf(old.file()))) {
        if (old.etag() != null) {
          request.header("If-None-Match", old.etag());
        }
        if (old.lastModified() != null) {
          request.header("If-Modified-Since", old.lastModified());
        }
      }
      pacer.pause();
      requestCount++;
      HttpResponse<InputStream> response;
      try {
        response = sender.send(request.build());
      } catch (IOException e) {
        LOG.warn("{} could not be fetched: {}", current, e.toString());
        failed(old);
        return;
      }
      try (InputStream body = response.body()) {
        int status = response.statusCode();
        if (isRedirect(status)) {
          URI next =
              CrawlUrls.resolve(current, response.headers().firstValue("Location").orElse(null));
          // A target already queued is visited on its own; one beyond the prefix never.
          if (next == null
              || hop >= MAX_REDIRECTS
              || !admitted(next)
              || !queued.add(next.toString())) {
            skipped++;
            return;
          }
          current = next;
          continue;
        }
        answer(current, old, status, response.headers(), body);
        return;
      }
    }
  }

  private void answer(
      URI url, CrawlState.Page old, int status, HttpHeaders headers, InputStream body)
      throws IOException {
    if (status == 304 && old != null) {
      notModified++;
      keep(old);
      return;
    }
    if (status == 404 || status == 410) {
      if (old != null) {
        state.remove(url.toString());
        if (!state.fileSharedBeyond(url.toString(), old.file())
            && Files.deleteIfExists(fileOf(old.file()))) {
          removed++;
        }
      } else {
        skipped++;
      }
      return;
    }
    if (status != 200) {
      LOG.warn("{} answered {}: the mirror keeps what it had", url, status);
      failed(old);
      return;
    }
    if (!SiteCrawler.isHtml(headers.firstValue("Content-Type").orElse(null))) {
      skipped++;
      return;
    }
    byte[] bytes;
    try {
      bytes = body.readNBytes(SiteCrawler.MAX_PAGE_BYTES + 1);
    } catch (IOException e) {
      // The connection broke mid-page: a failure of this page, not of the crawl.
      LOG.warn("{} could not be read: {}", url, e.toString());
      failed(old);
      return;
    }
    if (bytes.length > SiteCrawler.MAX_PAGE_BYTES) {
      LOG.warn("{} is larger than {} bytes: not kept", url, SiteCrawler.MAX_PAGE_BYTES);
      skipped++;
      return;
    }
    Document page = Jsoup.parse(new ByteArrayInputStream(bytes), charset(headers), url.toString());
    URI canonical = canonical(page, url);
    List<String> links = links(page);
    links.forEach(l -> enqueue(URI.create(l)));
    String file = MirrorPaths.fileFor(canonical);
    byte[] copy = MainContent.mirrorHtml(page, canonical).getBytes(StandardCharsets.UTF_8);
    String digest = sha256(copy);
    state.put(
        new CrawlState.Page(
            url.toString(),
            canonical.toString(),
            file,
            headers.firstValue("ETag").orElse(null),
            headers.firstValue("Last-Modified").orElse(null),
            200,
            digest,
            links));
    if (!kept.add(canonical.toString())) {
      skipped++; // the same page under a second URL: one document
      return;
    }
    Path target = fileOf(file);
    if (Files.exists(target) && digest.equals(sha256(Files.readAllBytes(target)))) {
      unchanged++;
    } else {
      MirrorFiles.writeAtomically(target, copy);
      written++;
    }
    if (old != null
        && !old.file().equals(file)
        && !state.fileSharedBeyond(url.toString(), old.file())) {
      Files.deleteIfExists(fileOf(old.file()));
    }
  }

  private void keep(CrawlState.Page old) {
    kept.add(old.canonical());
    old.links().forEach(l -> enqueue(CrawlUrls.resolve(null, l)));
  }

  private void failed(CrawlState.Page old) {
    failed++;
    if (old != null) {
      keep(old);
    }
  }

  /**
   * The page's {@code <link rel=canonical>}, when it names a URL within the prefix; else its URL.
   */
  private URI canonical(Document page, URI url) {
    Element link = page.selectFirst("link[rel~=(?i)^canonical$][href]");
    URI canonical = link == null ? null : CrawlUrls.resolve(url, link.attr("href"));
    return canonical != null && CrawlUrls.within(canonical, prefix) ? canonical : url;
  }

  private List<String> links(Document page) {
    Set<String> links = new LinkedHashSet<>();
    URI base = URI.create(page.location());
    for (Element a : page.select("a[href], area[href]")) {
      URI link = CrawlUrls.resolve(base, a.attr("href"));
      if (link != null && CrawlUrls.within(link, prefix)) {
        links.add(link.toString());
      }
    }
    return List.copyOf(links);
  }

  /** The mirror file for a relative path; never outside the mirror folder. */
  private Path fileOf(String relative) {
    Path p = mirror.resolve(relative).normalize();
    if (!p.startsWith(mirror) || p.equals(mirror)) {
      throw new IllegalStateException("mirror path outside the mirror: " + relative);
    }
    return p;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static String charset(HttpHeaders headers) {
    String type = headers.firstValue("Content-Type").orElse("");
    int i = type.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
    if (i < 0) {
      return null; // jsoup reads the BOM or <meta charset>, else UTF-8
    }
    String cs = type.substring(i + 8).replace("\"", "").split(";")[0].strip();
    try {
      return java.nio.charset.Charset.isSupported(cs) ? cs : null;
    } catch (IllegalArgumentException e) {
      return null; // an unknown or malformed name: let jsoup sniff the page
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
