package dev.askdocs.ingest;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a folder while the server runs: what changes in it is handed to an incremental ingest a
 * moment later, so new and edited files become answerable and deleted ones disappear.
 *
 * <p>The JDK's {@link WatchService} reports changes in every folder of the tree (folders created
 * later are registered as they appear); any report, {@code OVERFLOW} included, only says "look
 * again". Looking is comparing the whole folder (sizes and modification times, {@link
 * FolderSnapshot}) with what was last handed to the ingest, which is also done every {@code rescan}
 * without a report: a change the file system did not report is found then.
 *
 * <p>A round: wait until no report came for {@code quiet} (a burst of thousands of files is one
 * round), look, look again {@code settle} later, and ingest the files that look the same both times
 * and still do when the ingest reaches them. A file still being written keeps its previous version
 * in the index and is taken in a later round; while some files are still changing the round waits,
 * up to {@code maxDefer}, so that one burst becomes one ingest. Runs on two daemon threads of its
 * own; {@link #close()} stops them.
 */
public final class FolderWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

  /** Default timings: a change is in the index about a second and a half after it settles. */
  public static final Duration QUIET = Duration.ofMillis(250);

  public static final Duration SETTLE = Duration.ofMillis(750);
  public static final Duration MAX_DEFER = Duration.ofSeconds(10);

  /** What a round hands its changes to: an incremental ingest of the folder. */
  @FunctionalInterface
  public interface Ingest {
    /**
     * Ingests the watched folder, reading only files that {@code settled} accepts.
     *
     * @throws RuntimeException when the ingest fails; the watcher logs it and tries again later
     */
    void run(Predicate<Path> settled);
  }

  private final Path root;
  private final Ingest ingest;
  private final Duration quiet;
  private final Duration settle;
  private final Duration maxDefer;
  private final Duration rescan;
  private final WatchService watchService;
  private final BlockingQueue<Boolean> signals = new LinkedBlockingQueue<>();
  private final Thread events;
  private final Thread rounds;
  private volatile FolderSnapshot ingested;

  private final boolean useEvents;

  private FolderWatcher(
      Path root,
      Ingest ingest,
      Duration quiet,
      Duration settle,
      Duration maxDefer,
      Duration rescan,
      boolean useEvents)
      throws IOException {
    this.useEvents = useEvents;
    this.root = root;
    this.ingest = ingest;
    this.quiet = quiet;
    this.settle = settle;
    this.maxDefer = maxDefer;
    this.rescan = rescan;
    this.watchService = FileSystems.getDefault().newWatchService();
    if (useEvents) {
      registerTree(root);
    }
    this.ingested = FolderSnapshot.of(root);
    this.events = new Thread(this::readEvents, "watch-events");
    this.rounds = new Thread(this::runRounds, "watch-ingest");
    events.setDaemon(true);
    rounds.setDaemon(true);
  }

  /**
   * Starts watching {@code root}. What is in it now counts as ingested: the caller ingests it (the
   * start-up ingest) or has.
   *
   * @throws java.io.UncheckedIOException when the folder cannot be watched
   */
  public static FolderWatcher start(Path root, Ingest ingest, Duration rescan) {
    return start(root, ingest, QUIET, SETTLE, MAX_DEFER, rescan, true);
  }

  /**
   * {@link #start(Path, Ingest, Duration)} with other timings, for tests.
   *
   * @param useEvents false: the file system's reports are not asked for, as if all were lost, and
   *     only the periodic look finds changes
   */
  static FolderWatcher start(
      Path root,
      Ingest ingest,
      Duration quiet,
      Duration settle,
      Duration maxDefer,
      Duration rescan,
      boolean useEvents) {
    FolderWatcher w;
    try {
      w = new FolderWatcher(root, ingest, quiet, settle, maxDefer, rescan, useEvents);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot watch " + root, e);
    }
    if (useEvents) {
      w.events.start();
    }
    w.rounds.start();
    LOG.info(
        "watching {}: changes are ingested about {} ms after they settle; full look every {} s",
        root,
        quiet.plus(settle).toMillis(),
        rescan.toSeconds());
    return w;
  }

  private void registerTree(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              if (!d.equals(root) && FolderSnapshot.hidden(d)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              try {
                d.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
              } catch (IOException e) {
                // Out of inotify watches, say: the periodic look still finds this folder's changes.
                LOG.warn("cannot watch {} ({}); its changes are found by the rescan", d, e);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE; // gone already; nothing to watch
            }
          });
    } catch (IOException e) {
      LOG.warn("cannot watch the folders under {} ({}); the rescan finds their changes", dir, e);
    } catch (ClosedWatchServiceException e) {
      // Closing: nothing more to register.
    }
  }

  private void readEvents() {
    try {
      while (true) {
        WatchKey key = watchService.take();
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == OVERFLOW) {
            signals.add(Boolean.TRUE); // events were lost: the next round looks at everything
            continue;
          }
          Path child = dir.resolve((Path) event.context());
          if (FolderSnapshot.hidden(child)) {
            continue; // editor swap files, .git, the uploads' staging folders
          }
          if (event.kind() == ENTRY_CREATE && Files.isDirectory(child)) {
            registerTree(child); // files made in it before this are found by the round's look
          }
          signals.add(Boolean.TRUE);
        }
        key.reset(); // a deleted folder's key goes invalid here, and is dropped
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // Closing.
    }
  }

  private void runRounds() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        // A report or, without one, the periodic look.
        signals.poll(rescan.toMillis(), TimeUnit.MILLISECONDS);
        round();
      }
    } catch (InterruptedException e) {
      // Closing.
    }
  }

  /** One round: wait for quiet, look twice, ingest the settled changes. */
  private void round() throws InterruptedException {
    long deferUntil = System.nanoTime() + maxDefer.toNanos();
    while (true) {
      awaitQuiet(deferUntil);
      FolderSnapshot first = FolderSnapshot.of(root);
      Thread.sleep(settle.toMillis());
      FolderSnapshot second = FolderSnapshot.of(root);
      Set<Path> unsettled = second.changedSince(first);
      FolderSnapshot before = ingested;
      if (!second.differsFrom(before, unsettled)) {
        if (!unsettled.isEmpty()) {
          signals.add(Boolean.TRUE); // only files still being written changed: look again soon
        }
        return;
      }
      if (!unsettled.isEmpty() && System.nanoTime() < deferUntil) {
        continue; // part of a burst is still arriving: take it all in one ingest
      }
      ingestChanges(second, unsettled, before);
      return;
    }
  }

  private void awaitQuiet(long deferUntil) throws InterruptedException {
    while (signals.poll(quiet.toMillis(), TimeUnit.MILLISECONDS) != null
        && System.nanoTime() < deferUntil) {
      signals.clear();
    }
    signals.clear();
  }

  private void ingestChanges(FolderSnapshot look, Set<Path> unsettled, FolderSnapshot before) {
    long started = System.nanoTime();
    try {
      ingest.run(file -> !unsettled.contains(file) && look.unchangedNow(file));
      ingested = look.keeping(before, unsettled);
      LOG.info(
          "watch: ingested the changes in {} in {} ms{}",
          root,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          unsettled.isEmpty() ? "" : "; " + unsettled.size() + " files still being written");
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      LOG.warn("watch: ingest of {} failed; trying again at the next change or rescan", root, e);
    }
    if (!unsettled.isEmpty()) {
      signals.add(Boolean.TRUE);
    }
  }

  @Override
  public void close() {
    try {
      watchService.close();
    } catch (IOException e) {
      LOG.warn("closing the watch service of {}", root, e);
    }
    rounds.interrupt();
    try {
      if (useEvents) {
        events.join(TimeUnit.SECONDS.toMillis(5));
      }
      // An ingest in progress stops at its next batch and commits what it has.
      rounds.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
