package dev.askdocs.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.askdocs.AskdocsException;
import dev.askdocs.chunk.Span;
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
        return run(allCores, rows, null).get(0)[0];
      } finally {
        runs.release(threads);
      }
    }
    return run(rows, null).get(0)[0];
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<SpanVectors> pooled = embedAllWithSpans(texts, null);
    return pooled.stream().map(SpanVectors::vector).toList();
  }

  /**
   * Pools each span from its text's own run: the text's token outputs over the span's tokens (found
   * with the tokenizer's character offsets), attention-masked, averaged and normalised exactly as a
   * whole text is. Every text still runs alone or in a batch as {@link #embedAll} runs it.
   *
   * @param spans the spans of each text, or null for none
   */
  @Override
  public List<SpanVectors> embedAllWithSpans(List<String> texts, List<List<Span>> spans) {
    int n = texts.size();
    long[][] ids = new long[n][];
    int[][][] ranges = new int[n][][];
    HuggingFaceTokenizer encoder = miniLm().encoder;
    for (int i = 0; i < n; i++) {
      Encoding e = encoder.encode(texts.get(i));
      ids[i] = e.getIds();
      if (spans != null) {
        ranges[i] = tokenRanges(texts.get(i), e, spans.get(i));
      }
    }
    List<int[]> batches = batches(ids, batchTokens);
    float[][][] out = new float[n][][];
    if (batches.size() == 1) {
      place(batches.get(0), ids, ranges, out);
    } else {
      List<Future<?>> pending = new ArrayList<>(batches.size());
      for (int[] batch : batches) {
        pending.add(workers.submit(() -> place(batch, ids, ranges, out)));
      }
      await(pending);
    }
    List<SpanVectors> result = new ArrayList<>(n);
    for (float[][] pooled : out) {
      result.add(
          new SpanVectors(pooled[0], Arrays.asList(Arrays.copyOfRange(pooled, 1, pooled.length))));
    }
    return result;
  }

  /** Token ranges ({@code {first, end}}, or null) of {@code spans} in {@code text} as encoded. */
  int[][] tokenRanges(String text, List<Span> spans) {
    return tokenRanges(text, miniLm().encoder.encode(text), spans);
  }

  /**
   * Token ranges of {@code spans} in an encoded text; see {@link TokenSpans}. The tokenizer counts
   * characters in code points, Java in UTF-16 units: they differ after an emoji.
   */
  private static int[][] tokenRanges(String text, Encoding e, List<Span> spans) {
    int[] utf16 = text.codePoints().map(Character::charCount).toArray();
    for (int c = 1; c < utf16.length; c++) {
      utf16[c] += utf16[c - 1];
    }
    CharSpan[] chars = e.getCharTokenSpans();
    long[] specialMask = e.getSpecialTokenMask();
    int[] starts = new int[chars.length];
    int[] ends = new int[chars.length];
    boolean[] special = new boolean[chars.length];
    for (int t = 0; t < chars.length; t++) {
      special[t] = specialMask[t] != 0 || chars[t] == null;
      starts[t] = chars[t] == null ? 0 : utf16Index(utf16, chars[t].getStart());
      ends[t] = chars[t] == null ? 0 : utf16Index(utf16, chars[t].getEnd());
    }
    return TokenSpans.of(starts, ends, special, e.getIds().length >= WINDOW, spans);
  }

  /** The UTF-16 index of code point {@code c}, given each code point's end ({@code ends}). */
  private static int utf16Index(int[] ends, int c) {
    return c <= 0 ? 0 : ends[Math.min(c, ends.length) - 1];
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

  private void place(int[] batch, long[][] ids, int[][][] ranges, float[][][] out) {
    List<long[]> rows = new ArrayList<>(batch.length);
    List<int[][]> pools = new ArrayList<>(batch.length);
    for (int i : batch) {
      rows.add(ids[i]);
      pools.add(ranges[i]);
    }
    List<float[][]> vectors = run(rows, pools);
    for (int k = 0; k < batch.length; k++) {
      out[batch[k]] = vectors.get(k);
    }
  }

  /** One run of the one-thread session, within the bound on runs in flight. */
  private List<float[][]> run(List<long[]> rows, List<int[][]> ranges) {
    runs.acquireUninterruptibly();
    try {
      return run(miniLm().session, rows, ranges);
    } finally {
      runs.release();
    }
  }

  /**
   * One model run over {@code rows} (token ids with [CLS] and [SEP]), padded to the longest: per
   * row, the whole text's vector, then one per token range of {@code ranges} (null: none; a null
   * range gives a null vector).
   */
  private List<float[][]> run(OrtSession session, List<long[]> rows, List<int[][]> ranges) {
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
      List<float[][]> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int[][] r = ranges == null || ranges.get(i) == null ? new int[0][] : ranges.get(i);
        float[][] pooled = new float[1 + r.length][];
        pooled[0] = meanPool(hidden, i * len, rows.get(i).length);
        for (int k = 0; k < r.length; k++) {
          pooled[k + 1] =
              r[k] == null ? null : meanPool(hidden, i * len + r[k][0], r[k][1] - r[k][0]);
        }
        out.add(pooled);
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
