package dev.askdocs.ingest;

import dev.askdocs.chunk.Chunk;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.LuceneVectorCache;
import dev.askdocs.index.ChunkWriter;
import dev.askdocs.index.IndexedDocument;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest run's three overlapping stages: a reader thread (given by the caller) loads and chunks
 * documents; the calling thread embeds the chunks of several documents at once; one or more indexer
 * threads upsert them, and one of them at a time commits every {@link #COMMIT_INTERVAL_MS}. The
 * first failure in any stage stops the others and is rethrown by {@link #run}.
 *
 * <p>Several indexer threads, because Lucene builds a chunk's HNSW graph links in the thread that
 * upserts it: with cheap vectors (a vector cache) one indexer is one busy core and the bottleneck.
 * Each indexer takes whole batches from one queue, so batches are indexed in no particular order;
 * every document appears once per run, so the order does not matter. The indexers' counters are
 * atomics; the commit is guarded by a lock that an indexer only tries, so the others keep indexing
 * while one commits. With several indexers, a batch upserted during a commit may reach the index's
 * commit while its sentence vectors wait for the cache's next one: a crash in between costs a model
 * run for those sentences when a question needs them, never a wrong answer (see {@link
 * LuceneVectorCache}).
 *
 * <p>Counters are read only after {@link #run} has joined the threads.
 */
final class IngestPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

  /** Chunks handed to the model in one call, taken from as many documents as it needs. */
  static final int EMBED_BATCH_CHUNKS = 64;

  /** Documents read ahead of the model; enough to ride out one slow file (a long PDF). */
  static final int READ_AHEAD_DOCUMENTS = 64;

  /** Embedded batches waiting for the index. */
  static final int EMBEDDED_BATCHES = 4;

  /**
   * Commits make progress durable; each one also flushes a segment that merges later re-read, so
   * they are spaced in time rather than per document.
   */
  static final long COMMIT_INTERVAL_MS = 10_000;

  private static final Pending END = new Pending(null, List.of(), List.of(), false);
  private static final Batch LAST = new Batch(List.of(), List.of());

  private final Embedder embedder;
  private final ChunkWriter index;
  private final LuceneVectorCache sentenceVectors;
  private final boolean pooledSentences;
  private final Clock clock;
  private final int files;
  private final int indexers;
  private final BlockingQueue<Pending> loaded = new ArrayBlockingQueue<>(READ_AHEAD_DOCUMENTS);
  private final BlockingQueue<Batch> embedded = new ArrayBlockingQueue<>(EMBEDDED_BATCHES);
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final AtomicInteger filesDone = new AtomicInteger();
  private volatile boolean stop;
  private boolean callerInterrupted;

  // Written by the reader.
  private final List<IngestReport.SkippedFile> skipped = new ArrayList<>();
  private int unchanged;

  // Written by the indexers.
  private final AtomicInteger added = new AtomicInteger();
  private final AtomicInteger updated = new AtomicInteger();
  private final AtomicInteger chunksEmbedded = new AtomicInteger();
  private final long started;
  private final AtomicLong lastProgress;

  /** Held by the one indexer committing; the others only try it and go on indexing. */
  private final ReentrantLock committing = new ReentrantLock();

  private final int commitEveryFiles;
  private long lastCommit; // guarded by committing
  private int filesAtLastCommit; // guarded by committing

  /**
   * @param sentenceVectors receives the vectors of the chunks' sentences; may be null
   * @param pooledSentences take the sentences' vectors from their chunks' model runs (see {@link
   *     ChunkSentences#embed})
   * @param indexers indexer threads, at least 1 (checked by {@link Ingestor})
   * @param commitEveryFiles commit also each time this many files were indexed since the last
   *     commit; 0 for every {@link #COMMIT_INTERVAL_MS} only
   */
  IngestPipeline(
      Embedder embedder,
      ChunkWriter index,
      LuceneVectorCache sentenceVectors,
      boolean pooledSentences,
      Clock clock,
      int files,
      int indexers,
      int commitEveryFiles) {
    this.embedder = embedder;
    this.index = index;
    this.sentenceVectors = sentenceVectors;
    this.pooledSentences = pooledSentences;
    this.clock = clock;
    this.files = files;
    this.indexers = indexers;
    this.commitEveryFiles = commitEveryFiles;
    this.started = clock.millis();
    this.lastCommit = started;
    this.lastProgress = new AtomicLong(started);
  }

  /**
   * Runs {@code reader} on its own thread, embeds on this one, indexes on the indexer threads, and
   * waits for all. Clears this thread's interrupt status, so that the caller can still commit;
   * {@link #interrupted()} tells whether to restore it.
   *
   * @return false if this thread was interrupted before every document was embedded
   */
  boolean run(Runnable reader) {
    Thread readThread = new Thread(() -> read(reader), "ingest-read");
    readThread.setDaemon(true);
    readThread.start();
    List<Thread> indexThreads = new ArrayList<>(indexers);
    for (int i = 1; i <= indexers; i++) {
      Thread t = new Thread(this::indexAll, "ingest-index-" + i);
      t.setDaemon(true);
      t.start();
      indexThreads.add(t);
    }
    boolean complete = !embedAll();
    // One LAST per indexer: each stops at the first it takes, and all come after the last batch.
    for (int i = 0; i < indexers; i++) {
      putUninterruptibly(embedded, LAST);
    }
    joinUninterruptibly(readThread);
    indexThreads.forEach(IngestPipeline::joinUninterruptibly);
    callerInterrupted = !complete || Thread.interrupted();
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
    return complete;
  }

  /** Whether the calling thread was interrupted during {@link #run}. */
  boolean interrupted() {
    return callerInterrupted;
  }

  private void read(Runnable reader) {
    try {
      reader.run();
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      putUninterruptibly(loaded, END);
    }
  }

  /** The embedding stage; returns whether this thread was interrupted. */
  private boolean embedAll() {
    boolean end = false;
    boolean interrupted = false;
    while (!end) {
      List<Pending> batch = new ArrayList<>();
      int chunks = 0;
      try {
        // Wait for one document, then take what is ready, up to a full batch: the model never
        // waits for a batch to fill while documents are slow to load.
        Pending p = loaded.take();
        while (p != null && !end) {
          if (p == END) {
            end = true;
          } else {
            batch.add(p);
            chunks += p.chunks().size();
            p = chunks < EMBED_BATCH_CHUNKS ? loaded.poll() : null;
          }
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
      if (!batch.isEmpty() && !interrupted && failure.get() == null) {
        embed(batch, chunks);
      }
      interrupted |= Thread.interrupted();
      if (!end && (interrupted || failure.get() != null)) {
        stop = true;
        while (takeUninterruptibly(loaded) != END) {
          // Read but not embedded: these documents are ingested next time.
        }
        end = true;
      }
    }
    return interrupted;
  }

  /**
   * Embeds the chunks and the sentences the extractive answerer will want of them (each as the
   * answerer splits it), unless already cached: shared by overlapping chunks, or by an earlier
   * version of the document.
   */
  private void embed(List<Pending> batch, int chunks) {
    List<String> texts = new ArrayList<>(chunks);
    List<Chunk> all = new ArrayList<>(chunks);
    batch.forEach(p -> texts.addAll(p.embeddingTexts()));
    batch.forEach(p -> all.addAll(p.chunks()));
    try {
      List<float[]> vectors =
          ChunkSentences.embed(all, texts, embedder, sentenceVectors, pooledSentences);
      putUninterruptibly(embedded, new Batch(batch, vectors));
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void indexAll() {
    for (Batch b = takeUninterruptibly(embedded); b != LAST; b = takeUninterruptibly(embedded)) {
      if (failure.get() != null) {
        continue; // drain, so the embedding stage never blocks on dead indexers
      }
      try {
        index(b);
      } catch (RuntimeException e) {
        fail(e);
      }
    }
  }

  private void index(Batch b) {
    int at = 0;
    for (Pending p : b.documents()) {
      int n = p.chunks().size();
      index.upsert(p.document(), p.chunks(), b.vectors().subList(at, at + n));
      at += n;
      if (p.replaces()) {
        updated.incrementAndGet();
      } else {
        added.incrementAndGet();
      }
      int done = filesDone.incrementAndGet();
      LOG.debug("ingest: indexed {}/{} files", done, files);
    }
    int embeddedSoFar = chunksEmbedded.addAndGet(at);
    commitIfDue();
    long now = clock.millis();
    long last = lastProgress.get();
    // Of the indexers that see a report due, the one that moves the time on logs it.
    if (now - last >= 2000 && lastProgress.compareAndSet(last, now)) {
      double seconds = Math.max(0.001, (now - started) / 1000.0);
      LOG.info(
          "ingest: {}/{} files, {} chunks embedded, {} chunks/s",
          filesDone.get(),
          files,
          embeddedSoFar,
          String.format("%.1f", embeddedSoFar / seconds));
    }
  }

  /**
   * Commits the sentence-vector cache, then the index, if the last commit is {@link
   * #COMMIT_INTERVAL_MS} old (or {@code commitEveryFiles} files back) and no other indexer is
   * committing; an indexer that finds the lock taken goes back to indexing rather than commit again
   * right after.
   */
  private void commitIfDue() {
    if (!committing.tryLock()) {
      return;
    }
    try {
      long now = clock.millis();
      int done = filesDone.get();
      if (now - lastCommit >= COMMIT_INTERVAL_MS
          || commitEveryFiles > 0 && done - filesAtLastCommit >= commitEveryFiles) {
        if (sentenceVectors != null) {
          sentenceVectors.commit();
        }
        index.commit();
        lastCommit = now;
        filesAtLastCommit = done;
        LOG.info("ingest: committed {}/{} files", done, files);
      }
    } finally {
      committing.unlock();
    }
  }

  // The reader's side.

  boolean stopping() {
    return stop || failure.get() != null;
  }

  /**
   * Hands a document's chunks to the embedding stage.
   *
   * @param embeddingTexts what the model sees for each chunk (the chunk text, possibly with the
   *     document title in front), in chunk order
   */
  void add(
      IndexedDocument document, List<Chunk> chunks, List<String> embeddingTexts, boolean replaces) {
    putUninterruptibly(loaded, new Pending(document, chunks, embeddingTexts, replaces));
  }

  void skip(String source, String reason) {
    skipped.add(new IngestReport.SkippedFile(source, reason));
    filesDone.incrementAndGet();
    LOG.warn("skipped {}: {}", source, reason);
  }

  void unchanged() {
    unchanged++;
    filesDone.incrementAndGet();
  }

  int filesDone() {
    return filesDone.get();
  }

  IngestReport report(int deleted, long durationMs) {
    return new IngestReport(
        files,
        added.get(),
        updated.get(),
        unchanged,
        deleted,
        chunksEmbedded.get(),
        skipped,
        durationMs);
  }

  private void fail(RuntimeException e) {
    if (!failure.compareAndSet(null, e)) {
      LOG.warn("ingest: a further failure after the first", e);
    }
  }

  private static <T> void putUninterruptibly(BlockingQueue<T> queue, T item) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(item);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> T takeUninterruptibly(BlockingQueue<T> queue) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return queue.take();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private record Pending(
      IndexedDocument document,
      List<Chunk> chunks,
      List<String> embeddingTexts,
      boolean replaces) {}

  private record Batch(List<Pending> documents, List<float[]> vectors) {}
}
