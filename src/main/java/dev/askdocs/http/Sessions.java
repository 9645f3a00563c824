package dev.askdocs.http;

import dev.askdocs.access.Identity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in people, kept in memory: a session lasts at most {@code maxAge} from sign-in and ends
 * when unused for {@code idle}. Session ids are 256 random bits, held only as SHA-256 digests; each
 * session has its own CSRF token. At most {@link #MAX_SESSIONS} are kept; beyond that the least
 * recently used goes. A restart signs everyone out. Thread-safe.
 */
final class Sessions {
  static final int MAX_SESSIONS = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Duration maxAge;
  private final Duration idle;
  private final Clock clock;
  private final Map<String, Entry> byDigest = new ConcurrentHashMap<>();

  Sessions(Duration maxAge, Duration idle, Clock clock) {
    this.maxAge = maxAge;
    this.idle = idle;
    this.clock = clock;
  }

  /**
   * A signed-in session.
   *
   * @param id the cookie value; known only to the browser and this object
   * @param csrfToken what the page must send in {@code X-CSRF-Token} with a state-changing request
   * @param idToken the provider's ID token, for ending the provider's session at sign-out
   */
  record Session(String id, Identity identity, String csrfToken, String idToken, Instant created) {}

  private record Entry(Session session, Instant lastUsed) {}

  /** Starts a new session (a new id every sign-in, so an id known before sign-in is useless). */
  Session create(Identity identity, String idToken) {
    Instant now = clock.instant();
    Session s = new Session(randomToken(), identity, randomToken(), idToken, now);
    if (byDigest.size() >= MAX_SESSIONS) {
      prune(now);
    }
    byDigest.put(digest(s.id()), new Entry(s, now));
    return s;
  }

  /** The live session of a cookie value, marked used; null when unknown or expired. */
  Session find(String id) {
    if (id == null || id.isEmpty()) {
      return null;
    }
    String key = digest(id);
    Instant now = clock.instant();
    Entry e = byDigest.get(key);
    if (e == null) {
      return null;
    }
    if (expired(e, now)) {
      byDigest.remove(key, e);
      return null;
    }
    byDigest.replace(key, e, new Entry(e.session(), now));
    return e.session();
  }

  /** Ends a session; nothing happens for an unknown id. */
  void remove(String id) {
    if (id != null && !id.isEmpty()) {
      byDigest.remove(digest(id));
    }
  }

  int size() {
    return byDigest.size();
  }

  /** The longest a session lasts, for the cookie's {@code Max-Age}. */
  Duration maxAge() {
    return maxAge;
  }

  /** Compares a presented CSRF token with the session's in constant time. */
  static boolean csrfMatches(Session s, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            s.csrfToken().getBytes(StandardCharsets.UTF_8),
            presented.getBytes(StandardCharsets.UTF_8));
  }

  private boolean expired(Entry e, Instant now) {
    return !now.isBefore(e.session().created().plus(maxAge))
        || !now.isBefore(e.lastUsed().plus(idle));
  }

  private synchronized void prune(Instant now) {
    byDigest.values().removeIf(e -> expired(e, now));
    while (byDigest.size() >= MAX_SESSIONS) {
      byDigest.entrySet().stream()
          .min(Comparator.comparing((Map.Entry<String, Entry> x) -> x.getValue().lastUsed()))
          .ifPresent(oldest -> byDigest.remove(oldest.getKey(), oldest.getValue()));
    }
  }

  /** 256 random bits, URL-safe. */
  static String randomToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String digest(String id) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
