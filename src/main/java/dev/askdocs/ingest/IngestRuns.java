package dev.askdocs.ingest;

import dev.askdocs.AskdocsException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a served index: every ingest of the corpus folder (at start-up, by the folder
 * watcher, on request over HTTP) and every upload holds {@link #writer()} while it writes, so they
 * never overlap. Also keeps what the running ingest has done so far and what the last one did.
 * Thread-safe.
 */
public final class IngestRuns implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestRuns.class);

  /** Why an ingest runs. */
  public static final String STARTUP = "startup";

  public static final String WATCH = "watch";
  public static final String REQUEST = "request";

  private final Ingestor ingestor;
  private final List<Source> sources;
  private final Clock clock;
  private final ReentrantLock writer = new ReentrantLock(true);
  private final ExecutorService requests;
  private final Object requestLock = new Object();
  private volatile IngestProgress running;
  private volatile IngestReport last;
  private final IngestTotals totals = new IngestTotals();
  private IngestRequest queued; // guarded by requestLock
  private IngestRequest latest; // guarded by requestLock
  private long nextRequest = 1; // guarded by requestLock

  public IngestRuns(Ingestor ingestor, Path corpusDir, Clock clock) {
    this(ingestor, List.of(Source.of(corpusDir)), clock);
  }

  /**
   * @param sources the folders a start-up or requested ingest goes through, in this order
   */
  public IngestRuns(Ingestor ingestor, List<Source> sources, Clock clock) {
    this.ingestor = ingestor;
    this.sources = List.copyOf(sources);
    this.clock = clock;
    this.requests =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "ingest-request");
              t.setDaemon(true);
              return t;
            });
  }

  /** The index's write lock; uploads take it too. */
  public Lock writer() {
    return writer;
  }

  /**
   * {@link #run(Source, String, Predicate)} of every source folder that exists, one after the
   * other; a missing folder is logged and left out.
   */
  public IngestReport run(String trigger, Predicate<Path> settled) {
    List<IngestReport> reports = new java.util.ArrayList<>();
    for (Source s : sources) {
      if (sources.size() > 1 && !java.nio.file.Files.isDirectory(s.folder())) {
        LOG.warn("folder {} of collection {} does not exist: skipped", s.folder(), s.collection());
        continue;
      }
      reports.add(run(s, trigger, settled));
    }
    return reports.size() == 1 ? reports.get(0) : IngestReport.sum(reports);
  }

  /** The source folders, in order. */
  public List<Source> sources() {
    return sources;
  }

  /** {@link #run(Source, String, Predicate)} of a folder of the {@code default} collection. */
  public IngestReport run(Path dir, String trigger, Predicate<Path> settled) {
    return run(Source.of(dir), trigger, settled);
  }

  /**
   * Ingests {@code dir} once no other writer holds the index, and waits for it.
   *
   * @param trigger {@link #STARTUP}, {@link #WATCH} or {@link #REQUEST}: shown in the progress
   * @param settled files that may be read now (see {@link Ingestor#ingest(Path, Predicate,
   *     IngestProgress)})
   * @throws AskdocsException if interrupted while waiting for the writer
   */
  public IngestReport run(Source dir, String trigger, Predicate<Path> settled) {
    try {
      writer.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AskdocsException("interrupted while waiting for the index's writer", e);
    }
    try {
      IngestProgress progress = new IngestProgress(trigger, clock);
      running = progress;
      IngestReport report = ingestor.ingest(dir, settled, progress);
      last = report;
      totals.add(report);
      return report;
    } finally {
      running = null;
      writer.unlock();
    }
  }

  /** The running ingest's progress, if one runs. */
  public Optional<IngestProgress.Status> progress() {
    IngestProgress p = running;
    return p == null ? Optional.empty() : Optional.of(p.status());
  }

  /** What every finished run of this process did, added up: for metrics. */
  public IngestTotals totals() {
    return totals;
  }

  /** The most recent finished ingest. */
  public Optional<IngestReport> last() {
    return Optional.ofNullable(last);
  }

  /**
   * Asks for an ingest of the corpus folder in the background. A request that has not started yet
   * is shared: asking twice before it starts runs one ingest, which sees both askers' changes.
   */
  public IngestRequest request() {
    synchronized (requestLock) {
      if (queued != null) {
        return queued;
      }
      IngestRequest r = new IngestRequest(nextRequest++, clock);
      queued = r;
      latest = r;
      requests.execute(() -> runRequest(r));
      return r;
    }
  }

  /** A request made by {@link #request()}, while it is the latest one. */
  public Optional<IngestRequest> request(long id) {
    synchronized (requestLock) {
      return latest != null && latest.id() == id ? Optional.of(latest) : Optional.empty();
    }
  }

  private void runRequest(IngestRequest r) {
    synchronized (requestLock) {
      queued = null;
    }
    r.started();
    try {
      r.finished(run(REQUEST, file -> true));
    } catch (RuntimeException e) {
      LOG.error("requested ingest of {} failed", sources, e);
      r.failed(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  @Override
  public void close() {
    requests.shutdownNow();
    try {
      if (!requests.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("a requested ingest did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
