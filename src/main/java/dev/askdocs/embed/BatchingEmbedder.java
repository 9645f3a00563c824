package dev.askdocs.embed;

import dev.askdocs.AskdocsException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Embedder} that gathers the single texts of concurrent callers ({@link #embed}) into one
 * model run, with no added wait: a caller that finds a run slot free runs at once with whatever has
 * queued (alone when the model is idle); callers that arrive while every slot is busy queue, and
 * the next caller whose slot frees up runs up to {@code maxBatch} of them in one {@link
 * Embedder#embedAll} call. So batches form only under load, when they raise throughput, and an idle
 * question is never delayed.
 *
 * <p>Contract: each caller gets the vector of its own text, the same vector {@code delegate} gives
 * for that text in a batch (use {@link #over} so that a model whose vectors depend on their batch
 * neighbours is not wrapped). A failed run fails every caller of that run with the same exception.
 * {@link #embedAll} goes straight to the delegate: it is a batch already. Queued texts run in
 * arrival order; the thread that runs a batch may run others' texts before its own, at most until
 * its own has run. Thread-safe; owns no thread. {@link #close} fails queued callers and closes the
 * delegate.
 */
public final class BatchingEmbedder implements Embedder {
  private final Embedder delegate;
  private final int runs;
  private final int maxBatch;
  private final Object lock = new Object();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int running;
  private boolean closed;

  /** One caller's text and, once its batch has run, its vector or the run's failure. */
  private static final class Pending {
    final String text;
    float[] vector;
    RuntimeException failure;

    Pending(String text) {
      this.text = text;
    }

    boolean done() {
      return vector != null || failure != null;
    }
  }

  /**
   * @param runs model runs in flight at once (one per core suits a one-thread-per-run model)
   * @param maxBatch texts per model run at most
   */
  public BatchingEmbedder(Embedder delegate, int runs, int maxBatch) {
    if (runs < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("runs and maxBatch must be at least 1");
    }
    this.delegate = delegate;
    this.runs = runs;
    this.maxBatch = maxBatch;
  }

  /**
   * {@code delegate} batched as above when its vectors do not depend on their batch ({@link
   * Embedder#batchKeepsVectors()}), else {@code delegate} itself.
   */
  public static Embedder over(Embedder delegate, int runs, int maxBatch) {
    return delegate.batchKeepsVectors() ? new BatchingEmbedder(delegate, runs, maxBatch) : delegate;
  }

  @Override
  public ModelInfo model() {
    return delegate.model();
  }

  @Override
  public int countTokens(String text) {
    return delegate.countTokens(text);
  }

  @Override
  public float[] embed(String text) {
    Pending mine = new Pending(text);
    boolean interrupted = false;
    try {
      synchronized (lock) {
        if (closed) {
          throw new AskdocsException("the embedder is closed");
        }
        queue.add(mine);
      }
      while (true) {
        List<Pending> batch;
        synchronized (lock) {
          // Not done and not queued means another caller's run has it: wait for that run.
          while (!mine.done() && (running >= runs || queue.isEmpty())) {
            try {
              lock.wait();
            } catch (InterruptedException e) {
              // Another caller may be running this text: finish, then keep the interrupt.
              interrupted = true;
            }
          }
          if (mine.done()) {
            return result(mine);
          }
          running++;
          batch = drain();
        }
        run(batch);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Up to {@code maxBatch} queued texts, oldest first; called holding the lock. */
  private List<Pending> drain() {
    List<Pending> batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
    while (batch.size() < maxBatch && !queue.isEmpty()) {
      batch.add(queue.poll());
    }
    return batch;
  }

  /** One model run for {@code batch}, outside the lock; then frees the slot and wakes waiters. */
  private void run(List<Pending> batch) {
    List<float[]> vectors = null;
    RuntimeException failure = null;
    try {
      if (batch.size() == 1) {
        // A lone text keeps the delegate's single-text path (all cores when the model is idle).
        vectors = List.of(delegate.embed(batch.get(0).text));
      } else {
        List<String> texts = new ArrayList<>(batch.size());
        for (Pending p : batch) {
          texts.add(p.text);
        }
        vectors = delegate.embedAll(texts);
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      synchronized (lock) {
        for (int i = 0; i < batch.size(); i++) {
          Pending p = batch.get(i);
          if (vectors != null) {
            p.vector = vectors.get(i);
          } else {
            p.failure =
                failure != null ? failure : new AskdocsException("embedding failed in a batch");
          }
        }
        running--;
        lock.notifyAll();
      }
    }
  }

  private static float[] result(Pending p) {
    if (p.failure != null) {
      throw p.failure;
    }
    return p.vector;
  }

  /** Texts waiting for a run slot (for tests and diagnostics). */
  int queued() {
    synchronized (lock) {
      return queue.size();
    }
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    return delegate.embedAll(texts);
  }

  @Override
  public boolean batchKeepsVectors() {
    return true;
  }

  /** Fails the callers still queued, then closes the delegate. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      for (Pending p : queue) {
        p.failure = new AskdocsException("the embedder is closed");
      }
      queue.clear();
      lock.notifyAll();
    }
    delegate.close();
  }
}
