package dev.askdocs.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Embedder} that remembers the vectors of the last {@code capacity} texts it embedded.
 * Questions repeat, and the sentences the answerer scores come from the same popular passages, so
 * most of the answer-time embedding work is a lookup. Ingest should use the embedder underneath:
 * documents are embedded once and would only push useful entries out. Thread-safe.
 */
public final class CachingEmbedder implements Embedder {
  private final Embedder delegate;
  private final Map<String, float[]> cache;
  private final LuceneVectorCache disk;

  public CachingEmbedder(Embedder delegate, int capacity) {
    this(delegate, capacity, null);
  }

  /**
   * @param disk vectors computed ahead of time (the sentences of ingested chunks), consulted after
   *     the in-memory entries and before the model; may be null. Texts embedded here are not added
   *     to it: answering never writes to disk.
   */
  public CachingEmbedder(Embedder delegate, int capacity, LuceneVectorCache disk) {
    this.delegate = delegate;
    this.disk = disk;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > capacity;
          }
        };
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
    float[] v = lookup(text);
    if (v == null) {
      v = delegate.embed(text);
      store(text, v);
    }
    return v;
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    List<String> missing = new ArrayList<>();
    for (String t : texts) {
      float[] v = lookup(t);
      out.add(v);
      if (v == null) {
        missing.add(t);
      }
    }
    if (missing.isEmpty()) {
      return out;
    }
    List<float[]> fresh = delegate.embedAll(missing);
    int next = 0;
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i) == null) {
        float[] v = fresh.get(next++);
        out.set(i, v);
        store(texts.get(i), v);
      }
    }
    return out;
  }

  private float[] lookup(String text) {
    float[] v;
    synchronized (cache) {
      v = cache.get(text);
    }
    if (v == null && disk != null) {
      v = disk.find(text);
      if (v != null) {
        store(text, v);
      }
    }
    return v;
  }

  private void store(String text, float[] v) {
    synchronized (cache) {
      cache.put(text, v);
    }
  }

  /** Closes the embedder underneath. */
  @Override
  public void close() {
    delegate.close();
  }
}
