package dev.askdocs.slack;

import dev.askdocs.chat.ConversationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Remembers recently seen event keys so that an event Slack delivers twice (a retry, or the same
 * message as both a mention and a direct message) is handled once. Bounded in size and in time: a
 * key is forgotten after {@code ttl} or when {@code capacity} newer keys have come since. With a
 * shared store (the conversations' store, on the index backend) a key is also claimed there, so
 * that of several askdocs processes given the same event one answers it. Thread-safe.
 */
final class SeenEvents {
  private final int capacity;
  private final Duration ttl;
  private final Clock clock;
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();
  private final LongAdder events = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final ConversationStore shared;

  SeenEvents(int capacity, Duration ttl, Clock clock) {
    this(capacity, ttl, clock, null);
  }

  /**
   * @param shared where keys are claimed across processes, or null for this process alone
   */
  SeenEvents(int capacity, Duration ttl, Clock clock, ConversationStore shared) {
    this.capacity = capacity;
    this.ttl = ttl;
    this.clock = clock;
    this.shared = shared;
  }

  /**
   * Records {@code keys} and says whether none of them was seen before. When any was, nothing is
   * recorded.
   */
  synchronized boolean firstTime(String... keys) {
    events.increment();
    Instant now = clock.instant();
    expire(now);
    for (String key : keys) {
      if (seen.containsKey(key)) {
        duplicates.increment();
        return false;
      }
    }
    if (shared != null && !claimShared(keys)) {
      duplicates.increment();
      return false;
    }
    for (String key : keys) {
      seen.put(key, now);
    }
    while (seen.size() > capacity) {
      Iterator<String> oldest = seen.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  /** Forgets {@code keys}, so that a later delivery is handled (after work could not start). */
  synchronized void forget(String... keys) {
    for (String key : keys) {
      seen.remove(key);
      if (shared != null) {
        shared.release(key);
      }
    }
  }

  /** Claims every key in the shared store, or none: a key another process holds gives back ours. */
  private boolean claimShared(String... keys) {
    for (int i = 0; i < keys.length; i++) {
      if (!shared.claim(keys[i], ttl)) {
        for (int j = 0; j < i; j++) {
          shared.release(keys[j]);
        }
        return false;
      }
    }
    return true;
  }

  /** Events delivered since start, duplicates included. */
  long events() {
    return events.sum();
  }

  /** Deliveries recognised as already handled. */
  long duplicates() {
    return duplicates.sum();
  }

  synchronized int size() {
    return seen.size();
  }

  // Insertion order is time order, so expired keys are at the front.
  private void expire(Instant now) {
    Instant cutoff = now.minus(ttl);
    Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
    while (it.hasNext() && !it.next().getValue().isAfter(cutoff)) {
      it.remove();
    }
  }
}
