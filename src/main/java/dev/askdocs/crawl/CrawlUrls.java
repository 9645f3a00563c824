package dev.askdocs.crawl;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * How the crawler spells a URL, so that one page is one URL: resolved against the page it was found
 * on, scheme and host lower-cased, the default port and the fragment dropped, dot segments removed,
 * an empty path made "/". Only http and https URLs are kept. Stateless and thread-safe.
 */
public final class CrawlUrls {
  private CrawlUrls() {}

  /**
   * {@code href} resolved against {@code base} and normalised, or null when it is not an http(s)
   * URL or cannot be parsed.
   */
  public static URI resolve(URI base, String href) {
    if (href == null || href.isBlank()) {
      return null;
    }
    try {
      String escaped = escape(href.strip());
      URI target = base == null ? new URI(escaped) : base.resolve(escaped);
      return normalise(target);
    } catch (IllegalArgumentException | URISyntaxException e) {
      // A link a browser could not follow either: not a page of the site.
      return null;
    }
  }

  /**
   * Percent-encodes what a browser encodes before following a link: spaces, controls, non-ASCII
   * characters, the characters URIs never hold unescaped, and a '%' that starts no escape.
   */
  static String escape(String href) {
    StringBuilder s = new StringBuilder(href.length());
    byte[] bytes = href.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean escapeStart =
          b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2]);
      if (b <= 0x20 || b >= 0x7f || "\"<>\\^`{|}".indexOf(b) >= 0 || b == '%' && !escapeStart) {
        s.append('%').append(String.format("%02X", b));
      } else {
        s.append((char) b);
      }
    }
    return s.toString();
  }

  private static boolean hex(byte b) {
    return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
  }

  /** {@code uri} normalised, or null when it is not an absolute http(s) URL. */
  public static URI normalise(URI uri) {
    if (uri == null || uri.getScheme() == null || uri.getRawAuthority() == null) {
      return null;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      return null;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    if (port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https")) {
      port = -1;
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    StringBuilder s = new StringBuilder(scheme).append("://");
    if (uri.getRawUserInfo() != null) {
      s.append(uri.getRawUserInfo()).append('@');
    }
    s.append(host);
    if (port != -1) {
      s.append(':').append(port);
    }
    s.append(path);
    if (uri.getRawQuery() != null) {
      s.append('?').append(uri.getRawQuery());
    }
    try {
      return new URI(s.toString()).normalize();
    } catch (URISyntaxException e) {
      // Parts of a parsed URI that no longer parse when joined: treat as no page.
      return null;
    }
  }

  /** Whether {@code uri} (normalised) lies within {@code prefix} (normalised the same way). */
  public static boolean within(URI uri, String prefix) {
    URI p = resolve(null, prefix);
    if (uri == null || p == null) {
      return false;
    }
    // "https://host" becomes "https://host/": a bare host never admits "https://host.evil/".
    return uri.toString().startsWith(p.toString());
  }
}
