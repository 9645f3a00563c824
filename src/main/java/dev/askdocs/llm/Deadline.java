package dev.askdocs.llm;

import java.time.Duration;

/**
 * A point in time past which nobody waits any more, on the monotonic clock. Immutable.
 *
 * @param atNanos {@link System#nanoTime()} at the deadline
 */
public record Deadline(long atNanos) {
  /** The deadline {@code budget} from now. */
  public static Deadline after(Duration budget) {
    return new Deadline(System.nanoTime() + budget.toNanos());
  }

  /** Time left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
  }

  public boolean expired() {
    return remaining().isZero();
  }

  /** The earlier of this deadline and {@code budget} from now. */
  public Deadline within(Duration budget) {
    return new Deadline(Math.min(atNanos, System.nanoTime() + budget.toNanos()));
  }
}
