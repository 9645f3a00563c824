package dev.askdocs.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} requests per client in a window of time that starts at the client's first
 * request and, once over, starts again at its next one. A client is an API key's fingerprint, or an
 * address when no keys are set. Counted in memory, per process. Thread-safe.
 */
final class RateLimiter {
  /** Windows kept before the ones that are over are dropped. */
  private static final int PRUNE_AT = 10_000;

  private final int limit;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /**
   * @param limit requests per window; 0 lets everything through
   */
  RateLimiter(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.windowMillis = window.toMillis();
    this.clock = clock;
  }

  /**
   * Counts one request of {@code client}.
   *
   * @return 0 when it may go ahead, else the whole seconds until its window ends (at least 1)
   */
  long acquire(String client) {
    if (limit == 0) {
      return 0;
    }
    long now = clock.millis();
    long start = now - now % windowMillis;
    if (windows.size() > PRUNE_AT) {
      windows.values().removeIf(w -> w.start < start);
    }
    Window w =
        windows.compute(
            client,
            (k, old) ->
                old == null || old.start != start
                    ? new Window(start, 1)
                    : new Window(start, old.count + 1));
    if (w.count <= limit) {
      return 0;
    }
    long left = start + windowMillis - now;
    return Math.max(1, (left + 999) / 1000);
  }

  private record Window(long start, int count) {}
}
