package dev.askdocs.answer;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Bounds the questions answered at once, across every front end (the JSON API, chat streams, the
 * OpenAI-compatible API, Slack, Mattermost), so that overload is refused fast rather than queued
 * without limit: at most {@code running} answers run, at most {@code waiting} more wait (first
 * come, first served) up to {@code maxWait} for a slot, and any further one is refused at once.
 * Refusals throw {@link OverloadedException}; each front end answers it in its own shape (503 with
 * {@code Retry-After}, OpenAI's error JSON, a Slack "busy" line). Thread-safe.
 */
public final class ConcurrencyLimiter {
  private final Semaphore slots;
  private final int maxWaiting;
  private final long maxWaitNanos;
  private final AtomicInteger waiting = new AtomicInteger();
  private final LongAdder refused = new LongAdder();

  public ConcurrencyLimiter(int running, int waiting, Duration maxWait) {
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
  public static ConcurrencyLimiter forCores(int cores) {
    return new ConcurrencyLimiter(2 * cores, 16 * cores, Duration.ofSeconds(5));
  }

  /** Answers refused since start (queue full, no slot in time, interrupted): for metrics. */
  public long refused() {
    return refused.sum();
  }

  /** Calls waiting for a slot now. */
  public int waiting() {
    return waiting.get();
  }

  /** Runs {@code work} when a slot is free; throws {@link OverloadedException} otherwise. */
  public <T> T call(Supplier<T> work) {
    try (Permit ignored = admit()) {
      return work.get();
    }
  }

  /**
   * A slot, for work that does not fit one call (a stream, an answer handed to another thread);
   * waits as {@link #call} does.
   *
   * @throws OverloadedException when no slot frees in time, or too many already wait
   */
  public Permit admit() {
    return admit(Duration.ofNanos(maxWaitNanos));
  }

  /**
   * Like {@link #admit()}, but waits at most {@code maxWait} (never longer than the limiter's own
   * wait): for callers that must reply within a deadline of their own, such as Slack's 3 seconds.
   */
  public Permit admit(Duration maxWait) {
    acquire(Math.min(maxWait.toNanos(), maxWaitNanos));
    return new Permit(slots);
  }

  /**
   * One admitted answer's slot. Closing gives it back, once, from any thread; closing again does
   * nothing. Thread-safe.
   */
  public static final class Permit implements AutoCloseable {
    private final Semaphore slots;
    private final AtomicBoolean released = new AtomicBoolean();

    private Permit(Semaphore slots) {
      this.slots = slots;
    }

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        slots.release();
      }
    }
  }

  private void acquire(long waitNanos) {
    try {
      // With a zero timeout tryAcquire honours fairness: a new call never overtakes a waiting one.
      if (slots.tryAcquire(0, TimeUnit.NANOSECONDS)) {
        return;
      }
      if (waiting.incrementAndGet() > maxWaiting) {
        waiting.decrementAndGet();
        refused.increment();
        throw new OverloadedException("too many questions at once; retry in a moment");
      }
      try {
        if (!slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
          refused.increment();
          throw new OverloadedException("no capacity to answer in time; retry in a moment");
        }
      } finally {
        waiting.decrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      refused.increment();
      throw new OverloadedException("interrupted while waiting to answer");
    }
  }
}
