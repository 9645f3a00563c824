package dev.askdocs.ingest;

import dev.askdocs.AskdocsException;
import dev.askdocs.index.IndexLockedException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving process's runtime state around its first ingest: the ingest of every source at
 * start-up, on its own thread, and whether the index is ready to answer (or why start-up failed).
 * Thread-safe: {@link #ready()} and {@link #failure()} are read by request threads while the ingest
 * runs.
 */
public final class StartupIngest implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StartupIngest.class);

  private final IngestRuns runs;
  private final boolean sharedIndex;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean ready;
  private volatile String failure;
  private Thread thread;

  /**
   * @param sharedIndex the index is a collection other processes may ingest (SolrCloud): with no
   *     document folder here, it is served as it is
   */
  public StartupIngest(IngestRuns runs, boolean sharedIndex) {
    this.runs = runs;
    this.sharedIndex = sharedIndex;
  }

  /** The index answers from now on (it already holds documents, or an ingest just finished). */
  public void markReady() {
    ready = true;
  }

  /** Starts the start-up ingest on its own thread; once. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("the start-up ingest has started already");
    }
    thread = new Thread(this::run, "startup-ingest");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    if (sharedIndex && runs.sources().stream().noneMatch(src -> Files.isDirectory(src.folder()))) {
      // A stateless instance in front of a shared collection: another process ingests.
      LOG.info("no document folder {}: serving the collection as it is", runs.sources());
      ready = true;
      finished.countDown();
      return;
    }
    try {
      runs.run(IngestRuns.STARTUP, file -> true);
      ready = true;
    } catch (IndexLockedException e) {
      // A shared collection that another askdocs process is ingesting: answer from it as it is.
      LOG.info("{}; serving the index without ingesting", e.getMessage());
      ready = true;
    } catch (RuntimeException e) {
      failure = e.getMessage();
      LOG.error("start-up ingest of {} failed", runs.sources(), e);
    } finally {
      finished.countDown();
    }
  }

  /** True once the index answers. */
  public boolean ready() {
    return ready;
  }

  /** Why start-up failed; empty while it runs and after it succeeded. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Blocks until the start-up ingest has finished.
   *
   * @throws AskdocsException if it failed or did not finish in time
   */
  public void awaitReady(Duration timeout) {
    try {
      if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AskdocsException("askdocs was not ready after " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AskdocsException("interrupted while waiting for start-up", e);
    }
    if (failure != null) {
      throw new AskdocsException("start-up failed: " + failure);
    }
  }

  /** Stops the ingest at its next file and lets it commit (waits up to 30 s). */
  @Override
  public synchronized void close() {
    if (thread == null) {
      return;
    }
    try {
      thread.interrupt();
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
