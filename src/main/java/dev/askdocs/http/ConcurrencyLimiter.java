package dev.askdocs.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the work done at once, so that overload is refused fast rather than queued without limit:
 * at most {@code running} calls run, at most {@code waiting} more wait (first come, first served)
 * up to {@code maxWait} for a slot, and any further call is refused at once. Refusals throw {@link
 * OverloadedException}, which the HTTP layer answers with 503 and {@code Retry-After}. Thread-safe.
 */
final class ConcurrencyLimiter {
  private final Semaphore slots;
  private final int maxWaiting;
  private final long maxWaitNanos;
  private final AtomicInteger waiting = new AtomicInteger();

  ConcurrencyLimiter(int running, int waiting, Duration maxWait) {
    if (running < 1 || waiting < 0) {
      throw new IllegalArgumentException("running must be positive and waiting not negative");
    }
    this.slots = new Semaphore(running, true);
    this.maxWaiting = waiting;
    this.maxWaitNanos = maxWait.toNanos();
  }

  /**
   * Sized for {@code cores}: answering is CPU work (the model, then Lucene), so two per core run
   * and the others wait, up to sixteen per core, for at most five seconds.
   */
  static ConcurrencyLimiter forCores(int cores) {
    return new ConcurrencyLimiter(2 * cores, 16 * cores, Duration.ofSeconds(5));
  }

  /** Calls waiting for a slot now. */
  int waiting() {
    return waiting.get();
  }

  /** Runs {@code work} when a slot is free; throws {@link OverloadedException} otherwise. */
  <T> T call(Supplier<T> work) {
    acquire();
    try {
      return work.get();
    } finally {
      slots.release();
    }
  }

  private void acquire() {
    try {
      // With a zero timeout tryAcquire honours fairness: a new call never overtakes a waiting one.
      if (slots.tryAcquire(0, TimeUnit.NANOSECONDS)) {
        return;
      }
      if (waiting.incrementAndGet() > maxWaiting) {
        waiting.decrementAndGet();
        throw new OverloadedException("too many questions at once; retry in a moment");
      }
      try {
        if (!slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
          throw new OverloadedException("no capacity to answer in time; retry in a moment");
        }
      } finally {
        waiting.decrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OverloadedException("interrupted while waiting to answer");
    }
  }
}
