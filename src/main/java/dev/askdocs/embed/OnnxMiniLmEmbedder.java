package dev.askdocs.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.askdocs.AskdocsException;
import dev.askdocs.config.EmbeddingModelName;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * all-MiniLM-L6-v2 (float or quantized) run directly on ONNX Runtime, with batched inference. The
 * model and tokenizer are read from the LangChain4j jars' resources: nothing is downloaded.
 *
 * <p>The texts of one {@link #embedAll} call are sorted by length and cut into small batches of
 * similar length, each padded only to its own longest text, so a short sentence never pays for a
 * long passage's padding. Each batch runs on one thread (ONNX Runtime's intra-op parallelism set to
 * 1, so runs never fight over cores), and batches run in parallel on {@code threads} workers. A
 * lone text ({@link #embed}) runs on every core when the model is otherwise idle, else on one like
 * a batch. A fair semaphore keeps the cores in use by model runs, from all callers together, at
 * {@code threads}. Vectors are the mean of the token outputs under the attention mask,
 * L2-normalised: the same vectors as LangChain4j's own model classes (cosine above 0.999, checked
 * by a test).
 *
 * <p>The model loads on a background thread, beside the rest of start-up: the first call that needs
 * it waits, and a model that cannot be loaded fails that call. Given a cache folder, the model is
 * extracted from the jar once and read from disk at later starts ({@link ModelFiles}). Thread-safe.
 */
public final class OnnxMiniLmEmbedder implements Embedder {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxMiniLmEmbedder.class);
  private static final int WINDOW = MiniLmModel.WINDOW;

  public static final int DIMENSION = 384;

  /**
   * Word pieces per batch (texts times the longest) for the float model. Small batches stay in the
   * CPU caches: on this project's 2-core machines, batches of about four passages ran faster per
   * text than batches of 16 or 32.
   */
  static final int BATCH_TOKENS = 512;

  /**
   * The quantized model quantizes its activations with scales taken over the whole input tensor, so
   * a text's vector would depend on its neighbours and its padding (cosine 0.98-0.99 to the text
   * alone): it embeds one text per run.
   */
  static final int QUANTIZED_BATCH_TOKENS = 0;

  private final EmbeddingModelName name;
  private final OrtEnvironment environment;
  private final CompletableFuture<MiniLmModel> loaded = new CompletableFuture<>();
  private final CompletableFuture<OrtSession> solo = new CompletableFuture<>();
  private final int threads;
  private final ExecutorService workers;
  private final Semaphore runs;
  private final int batchTokens;

  private OnnxMiniLmEmbedder(EmbeddingModelName name, int threads, Path cacheDir) {
    this.name = name;
    this.environment = OrtEnvironment.getEnvironment();
    this.threads = threads;
    Thread loader = new Thread(() -> loadAll(name, cacheDir), "embed-load");
    loader.setDaemon(true);
    loader.start();
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "embed-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.runs = new Semaphore(threads, true);
    this.batchTokens =
        name == EmbeddingModelName.ALL_MINILM_L6_V2_Q ? QUANTIZED_BATCH_TOKENS : BATCH_TOKENS;
  }

  /** The one-thread session first (every call needs it), then the all-cores one (a bonus). */
  private void loadAll(EmbeddingModelName name, Path cacheDir) {
    try {
      loaded.complete(MiniLmModel.load(environment, name, cacheDir));
    } catch (RuntimeException e) {
      loaded.completeExceptionally(e);
      solo.completeExceptionally(e);
      return;
    }
    try {
      solo.complete(threads > 1 ? MiniLmModel.session(environment, name, cacheDir, threads) : null);
    } catch (RuntimeException e) {
      LOG.warn("single questions will use one core: {}", e.getMessage());
      solo.complete(null);
    }
    // The end of start-up's native work: ONNX Runtime's own shutdown hook frees its environment
    // while other hooks run, so a stop before this line can crash in a session being created.
    LOG.info("embedding model {} loaded", name.id());
  }

  /** Starts loading the model with one worker per core. */
  public static OnnxMiniLmEmbedder load(EmbeddingModelName name) {
    return load(name, Runtime.getRuntime().availableProcessors());
  }

  /** Starts loading the model with {@code threads} concurrent model runs at most. */
  public static OnnxMiniLmEmbedder load(EmbeddingModelName name, int threads) {
    return load(name, threads, null);
  }

  /**
   * Starts loading the model with {@code threads} concurrent model runs at most, extracting it into
   * {@code cacheDir} (may be null: no cache) when it sits inside a jar.
   */
  public static OnnxMiniLmEmbedder load(EmbeddingModelName name, int threads, Path cacheDir) {
    return new OnnxMiniLmEmbedder(name, Math.max(1, threads), cacheDir);
  }

  /** The model and tokenizers, waiting for them to finish loading. */
  private MiniLmModel miniLm() {
    try {
      return loaded.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re
          ? re
          : new AskdocsException("cannot load the model: " + cause, cause);
    }
  }

  @Override
  public ModelInfo model() {
    return new ModelInfo(name.id(), DIMENSION, WINDOW - 2);
  }

  /** False for the quantized model: its activation scales span the whole batch. */
  @Override
  public boolean batchKeepsVectors() {
    return batchTokens > 0;
  }

  @Override
  public int countTokens(String text) {
    return miniLm().counter.encode(text, false, false).getIds().length;
  }

  /**
   * One text. When the model is idle, its run uses every core (a quarter less latency for a
   * question); otherwise it takes one worker's share like any batch.
   */
  @Override
  public float[] embed(String text) {
    List<long[]> rows = List.of(miniLm().encoder.encode(text).getIds());
    OrtSession allCores = solo.isDone() ? solo.getNow(null) : null;
    if (allCores != null && runs.tryAcquire(threads)) {
      try {
        return run(allCores, rows).get(0);
      } finally {
        runs.release(threads);
      }
    }
    return run(rows).get(0);
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    int n = texts.size();
    long[][] ids = new long[n][];
    HuggingFaceTokenizer encoder = miniLm().encoder;
    for (int i = 0; i < n; i++) {
      ids[i] = encoder.encode(texts.get(i)).getIds();
    }
    List<int[]> batches = batches(ids, batchTokens);
    float[][] out = new float[n][];
    if (batches.size() == 1) {
      place(batches.get(0), ids, out);
    } else {
      List<Future<?>> pending = new ArrayList<>(batches.size());
      for (int[] batch : batches) {
        pending.add(workers.submit(() -> place(batch, ids, out)));
      }
      await(pending);
    }
    return Arrays.asList(out);
  }

  /**
   * Indices of the texts, shortest first, cut into batches of at most {@code budget} padded word
   * pieces whose lengths differ little, so that padding stays a small share of the work. A text
   * longer than the budget is a batch on its own.
   */
  static List<int[]> batches(long[][] ids, int budget) {
    int[] order =
        IntStream.range(0, ids.length)
            .boxed()
            .sorted(Comparator.comparingInt(i -> ids[i].length))
            .mapToInt(Integer::intValue)
            .toArray();
    List<int[]> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < order.length; i++) {
      // Sorted ascending, so the text at i is the longest of [from, i].
      int longest = ids[order[i]].length;
      int shortest = ids[order[from]].length;
      boolean tooMany = (i - from + 1) * longest > budget;
      boolean tooUneven = longest - shortest > Math.max(8, shortest / 4);
      if (i > from && (tooMany || tooUneven)) {
        out.add(Arrays.copyOfRange(order, from, i));
        from = i;
      }
    }
    if (from < order.length) {
      out.add(Arrays.copyOfRange(order, from, order.length));
    }
    return out;
  }

  private void place(int[] batch, long[][] ids, float[][] out) {
    List<long[]> rows = new ArrayList<>(batch.length);
    for (int i : batch) {
      rows.add(ids[i]);
    }
    List<float[]> vectors = run(rows);
    for (int k = 0; k < batch.length; k++) {
      out[batch[k]] = vectors.get(k);
    }
  }

  /** One run of the one-thread session, within the bound on runs in flight. */
  private List<float[]> run(List<long[]> rows) {
    runs.acquireUninterruptibly();
    try {
      return run(miniLm().session, rows);
    } finally {
      runs.release();
    }
  }

  /** One model run over {@code rows} (token ids with [CLS] and [SEP]), padded to the longest. */
  private List<float[]> run(OrtSession session, List<long[]> rows) {
    int n = rows.size();
    int len = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    long[] inputIds = new long[n * len];
    long[] mask = new long[n * len];
    long[] types = new long[n * len];
    for (int i = 0; i < n; i++) {
      long[] r = rows.get(i);
      System.arraycopy(r, 0, inputIds, i * len, r.length);
      Arrays.fill(mask, i * len, i * len + r.length, 1L);
    }
    long[] shape = {n, len};
    try (OnnxTensor idsT = OnnxTensor.createTensor(environment, LongBuffer.wrap(inputIds), shape);
        OnnxTensor maskT = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
        OnnxTensor typesT = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape);
        OrtSession.Result result =
            session.run(
                Map.of("input_ids", idsT, "attention_mask", maskT, "token_type_ids", typesT))) {
      FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
      List<float[]> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(meanPool(hidden, i * len, rows.get(i).length));
      }
      return out;
    } catch (OrtException e) {
      throw new AskdocsException("embedding failed: " + e.getMessage(), e);
    }
  }

  /** Mean of the first {@code tokens} token vectors from row offset {@code first}, unit length. */
  private static float[] meanPool(FloatBuffer hidden, int first, int tokens) {
    float[] sum = new float[DIMENSION];
    float[] token = new float[DIMENSION];
    for (int t = 0; t < tokens; t++) {
      hidden.get((first + t) * DIMENSION, token);
      for (int d = 0; d < DIMENSION; d++) {
        sum[d] += token[d];
      }
    }
    double norm = 0;
    for (float v : sum) {
      norm += (double) v * v;
    }
    // Dividing by the token count first would not change the direction: normalise directly.
    float scale = norm == 0 ? 0f : (float) (1.0 / Math.sqrt(norm));
    for (int d = 0; d < DIMENSION; d++) {
      sum[d] *= scale;
    }
    return sum;
  }

  /** Waits for every batch; an interrupt is kept for the caller rather than abandoning the work. */
  private static void await(List<Future<?>> pending) {
    boolean interrupted = false;
    try {
      for (Future<?> f : pending) {
        while (true) {
          try {
            f.get();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
              throw re;
            }
            throw new AskdocsException("embedding failed: " + cause, cause);
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
    OrtSession allCores = solo.handle((ok, failure) -> ok).join();
    MiniLmModel m = loaded.handle((ok, failure) -> ok).join();
    try {
      if (allCores != null) {
        allCores.close();
      }
    } catch (OrtException e) {
      throw new AskdocsException("cannot close the model: " + e.getMessage(), e);
    } finally {
      if (m != null) { // null: the model never loaded, so there is nothing to close
        m.close();
      }
    }
  }
}
