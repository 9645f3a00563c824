package dev.askdocs.crawl;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Where a page's copy lives in the mirror folder: {@code <host>[_<port>]/<path>.html}, derived from
 * its URL alone, so the same URL always maps to the same file. Every segment is limited to {@code
 * [A-Za-z0-9._-]}, never starts with a dot (so never {@code ..}, and never a hidden file the ingest
 * skips) and is at most 80 characters; a path that had to be changed to fit, or has a query, gets a
 * short digest of the whole URL in its name, so two URLs never share a file. Stateless and
 * thread-safe.
 */
public final class MirrorPaths {
  private static final int MAX_SEGMENT = 80;
  private static final int MAX_SEGMENTS = 20;

  private MirrorPaths() {}

  /** The relative path, with '/' separators, of the file that mirrors {@code url}. */
  public static String fileFor(URI url) {
    String host =
        url.getHost().toLowerCase(Locale.ROOT) + (url.getPort() == -1 ? "" : "_" + url.getPort());
    List<String> parts = new ArrayList<>();
    parts.add(safe(host));
    String path = url.getRawPath() == null ? "/" : url.getRawPath();
    boolean altered = url.getRawQuery() != null;
    String[] raw = path.split("/", -1);
    for (int i = 1; i < raw.length; i++) {
      String segment = raw[i];
      boolean last = i == raw.length - 1;
      if (segment.isEmpty()) {
        if (last) {
          parts.add("index");
        } else {
          altered = true; // "a//b": an empty segment in the middle
        }
        continue;
      }
      if (last) {
        String lower = segment.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html")) {
          segment = segment.substring(0, segment.length() - 5);
        } else if (lower.endsWith(".htm")) {
          segment = segment.substring(0, segment.length() - 4);
          altered = true; // "a.htm" and "a.html" are two URLs
        }
      }
      String safe = safe(segment);
      altered |= !safe.equals(segment);
      parts.add(safe);
    }
    if (parts.size() == 1) {
      parts.add("index");
    }
    if (parts.size() > MAX_SEGMENTS) {
      parts = new ArrayList<>(parts.subList(0, MAX_SEGMENTS));
      altered = true;
    }
    String name = parts.get(parts.size() - 1);
    if (altered) {
      name = name + "-" + digest(url.toString());
    }
    parts.set(parts.size() - 1, name + ".html");
    return String.join("/", parts);
  }

  private static String safe(String segment) {
    StringBuilder s = new StringBuilder(segment.length());
    for (int i = 0; i < segment.length() && s.length() < MAX_SEGMENT; i++) {
      char c = segment.charAt(i);
      boolean ok =
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || c == '-'
              || c == '_'
              || c == '.';
      s.append(ok ? c : '_');
    }
    if (s.length() == 0 || s.charAt(0) == '.') {
      s.insert(0, '_');
    }
    return s.toString();
  }

  private static String digest(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
