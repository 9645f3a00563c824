package dev.askdocs.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.function.IntSupplier;

/**
 * How far the running ingest has come, for {@code /health}, the documents list and the command
 * line. Written by the ingest's own thread, read by any: thread-safe.
 */
public final class IngestProgress {
  /** What the ingest is doing. */
  public enum Phase {
    /** Listing the folder's files. */
    LISTING,
    /** Hashing, loading, chunking, embedding and indexing files. */
    INDEXING,
    /** Removing documents whose files are gone, and committing. */
    COMMITTING
  }

  /**
   * One look at a running ingest.
   *
   * @param trigger why it runs: {@code startup}, {@code watch} or {@code request}
   * @param phase {@link Phase}, in lower case
   * @param filesDone files looked at so far (unchanged ones included)
   * @param filesTotal files in the folder; 0 while listing
   */
  public record Status(
      String trigger, String phase, int filesDone, int filesTotal, Instant startedAt) {}

  private final String trigger;
  private final Instant startedAt;
  private volatile Phase phase = Phase.LISTING;
  private volatile int total;
  private volatile IntSupplier done = () -> 0;

  public IngestProgress(String trigger, Clock clock) {
    this.trigger = trigger;
    this.startedAt = clock.instant();
  }

  /** Progress nobody reads, for runs that report only at the end. */
  static IngestProgress untracked(Clock clock) {
    return new IngestProgress("untracked", clock);
  }

  void indexing(int files, IntSupplier filesDone) {
    this.total = files;
    this.done = filesDone;
    this.phase = Phase.INDEXING;
  }

  void committing() {
    this.phase = Phase.COMMITTING;
  }

  public Status status() {
    Phase p = phase;
    int t = total;
    return new Status(
        trigger,
        p.name().toLowerCase(java.util.Locale.ROOT),
        Math.min(t, done.getAsInt()),
        t,
        startedAt);
  }
}
