package dev.askdocs.crawl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A web site served on loopback from the test itself: the HTML pages of a folder under {@code
 * /docs/}, with an ETag and Last-Modified on each and 304 for a matching conditional request; a
 * robots.txt that disallows {@link #DISALLOWED}; a sitemap.xml of every page; {@code /docs/} is the
 * start page, whose canonical link names {@code /docs/index.html}; the start page links to {@link
 * #OFF_PREFIX}, outside the crawl's prefix, and to two redirects: {@link #MOVED} (within the
 * prefix) and {@link #LEAVES} (out of it). Every request is recorded. Pages can be removed (404
 * from then on).
 */
public final class TestSite implements AutoCloseable {
  public static final String DISALLOWED = "/docs/glossary.html";
  public static final String OFF_PREFIX = "/blog/off.html";

  /** Linked from the start page; redirects (301) to {@link #MOVED_HERE}, within the prefix. */
  public static final String MOVED = "/docs/moved.html";

  /** A page reached only through the redirect from {@link #MOVED}. */
  public static final String MOVED_HERE = "/docs/moved-here.html";

  /** Linked from the start page; redirects (302) to {@link #OFF_PREFIX}, outside the prefix. */
  public static final String LEAVES = "/docs/leaves.html";

  private static final String LAST_MODIFIED = "Mon, 07 Dec 2026 00:00:00 GMT";

  /** One request the site answered. */
  public record Request(String path, String userAgent, int status) {}

  private final Path root;
  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<String> gone = ConcurrentHashMap.newKeySet();
  private final Map<String, String> replaced = new ConcurrentHashMap<>();

  public TestSite(Path root) {
    this.root = root;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The site's pages, as paths under /docs/. */
  public List<String> pages() {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(f -> f.toString().endsWith(".html"))
          .map(f -> "/docs/" + root.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public void clearRequests() {
    requests.clear();
  }

  /** From now on, {@code path} answers 404. */
  public void remove(String path) {
    gone.add(path);
  }

  /** From now on, {@code path} answers with {@code html} (and a new ETag). */
  public void replace(String path, String html) {
    replaced.put(path, html);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String agent = ex.getRequestHeaders().getFirst("User-Agent");
      String redirect =
          path.equals(MOVED) ? base() + MOVED_HERE : path.equals(LEAVES) ? OFF_PREFIX : null;
      if (redirect != null) {
        ex.getResponseHeaders().set("Location", redirect);
        answer(ex, path, agent, path.equals(MOVED) ? 301 : 302, null, null);
        return;
      }
      byte[] body = body(path);
      if (body == null) {
        answer(ex, path, agent, 404, "text/plain", new byte[0]);
        return;
      }
      String type =
          path.endsWith(".txt")
              ? "text/plain"
              : path.endsWith(".xml") ? "application/xml" : "text/html; charset=utf-8";
      String etag = "\"" + digest(body) + "\"";
      ex.getResponseHeaders().set("ETag", etag);
      ex.getResponseHeaders().set("Last-Modified", LAST_MODIFIED);
      String ifNoneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
      String ifModifiedSince = ex.getRequestHeaders().getFirst("If-Modified-Since");
      boolean notModified =
          ifNoneMatch != null
              ? ifNoneMatch.equals(etag)
              : LAST_MODIFIED.equals(ifModifiedSince) && !replaced.containsKey(path);
      if (notModified) {
        answer(ex, path, agent, 304, null, null);
      } else {
        answer(ex, path, agent, 200, type, body);
      }
    }
  }

  private void answer(
      HttpExchange ex, String path, String agent, int status, String type, byte[] body)
      throws IOException {
    requests.add(new Request(path, agent, status));
    if (type != null) {
      ex.getResponseHeaders().set("Content-Type", type);
    }
    if (body == null) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private byte[] body(String path) throws IOException {
    if (gone.contains(path)) {
      return null;
    }
    if (replaced.containsKey(path)) {
      return replaced.get(path).getBytes(StandardCharsets.UTF_8);
    }
    switch (path) {
      case "/robots.txt":
        return ("User-agent: *\nDisallow: " + DISALLOWED + "\n").getBytes(StandardCharsets.UTF_8);
      case "/sitemap.xml":
        return sitemap();
      case OFF_PREFIX:
        return "<html><title>Off</title><p>Not part of the docs.</p>"
            .getBytes(StandardCharsets.UTF_8);
      case MOVED_HERE:
        return "<html><title>Moved</title><main><p>This page moved here.</p></main>"
            .getBytes(StandardCharsets.UTF_8);
      default:
        break;
    }
    if (path.equals("/docs/") || path.equals("/docs/index.html")) {
      String index = Files.readString(root.resolve("index.html"), StandardCharsets.UTF_8);
      return index
          .replace(
              "<head>", "<head><link rel=\"canonical\" href=\"" + base() + "/docs/index.html\">")
          .replace(
              "</body>",
              "<a href=\""
                  + OFF_PREFIX
                  + "\">Blog</a><a href=\"moved.html\">Moved</a>"
                  + "<a href=\"leaves.html\">Leaves</a></body>")
          .getBytes(StandardCharsets.UTF_8);
    }
    if (!path.startsWith("/docs/") || path.contains("..")) {
      return null;
    }
    Path file = root.resolve(path.substring("/docs/".length())).normalize();
    return file.startsWith(root) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
  }

  private byte[] sitemap() {
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (String page : pages()) {
      xml.append("<url><loc>").append(base()).append(page).append("</loc></url>\n");
    }
    return xml.append("</urlset>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
