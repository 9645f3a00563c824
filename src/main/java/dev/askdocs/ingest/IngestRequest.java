package dev.askdocs.ingest;

import java.time.Clock;
import java.time.Instant;

/**
 * An ingest asked for over HTTP ({@link IngestRuns#request()}), from queued to done or failed.
 * Thread-safe.
 */
public final class IngestRequest {
  /** Where a request is. */
  public enum State {
    QUEUED,
    RUNNING,
    DONE,
    FAILED
  }

  /**
   * One look at a request.
   *
   * @param report the ingest's report once {@code done}
   * @param error why it failed, once {@code failed}
   */
  public record View(
      long id, String state, Instant requestedAt, IngestReport report, String error) {}

  private final long id;
  private final Instant requestedAt;
  private volatile State state = State.QUEUED;
  private volatile IngestReport report;
  private volatile String error;

  IngestRequest(long id, Clock clock) {
    this.id = id;
    this.requestedAt = clock.instant();
  }

  public long id() {
    return id;
  }

  public State state() {
    return state;
  }

  void started() {
    state = State.RUNNING;
  }

  void finished(IngestReport r) {
    report = r;
    state = State.DONE;
  }

  void failed(String why) {
    error = why;
    state = State.FAILED;
  }

  public View view() {
    State s = state;
    return new View(id, s.name().toLowerCase(java.util.Locale.ROOT), requestedAt, report, error);
  }
}
