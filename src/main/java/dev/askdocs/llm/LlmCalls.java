package dev.askdocs.llm;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of requests to the language model since start, for metrics: every attempt (a retry is a
 * second attempt), the retries, and the failed attempts by {@link LlmFailure}. Thread-safe.
 */
public final class LlmCalls {
  private final LongAdder attempts = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final Map<LlmFailure, LongAdder> failures = new EnumMap<>(LlmFailure.class);

  public LlmCalls() {
    for (LlmFailure f : LlmFailure.values()) {
      failures.put(f, new LongAdder());
    }
  }

  void attempted() {
    attempts.increment();
  }

  void retried() {
    retries.increment();
  }

  void failed(LlmFailure failure) {
    failures.get(failure).increment();
  }

  /** Requests sent, retries included. */
  public long attempts() {
    return attempts.sum();
  }

  /** Second attempts after a retriable failure. */
  public long retries() {
    return retries.sum();
  }

  /** Attempts that failed with {@code failure}. */
  public long failures(LlmFailure failure) {
    return failures.get(failure).sum();
  }
}
