package dev.askdocs.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.askdocs.AskdocsException;
import dev.askdocs.config.EmbeddingModelName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * all-MiniLM-L6-v2 (float or quantized) run directly on ONNX Runtime, with batched inference. The
 * model and tokenizer are read from the LangChain4j jars' resources: nothing is downloaded.
 *
 * <p>The model loads on a background thread: the tokenizer, and with it {@link #countTokens}, is
 * ready at once, while the first call that needs the model waits for it, and a model that cannot be
 * loaded fails that call. Given a cache folder, the model is extracted from the jar once and read
 * from disk at later starts ({@link ModelFiles}).
 *
 * <p>The texts of one {@link #embedAll} call are sorted by length and cut into small batches of
 * similar length, each padded only to its own longest text, so a short sentence never pays for a
 * long passage's padding. Every model run uses one thread (ONNX Runtime's intra-op parallelism is
 * set to 1, so runs never fight over cores); batches run in parallel on {@code threads} workers,
 * and a fair semaphore keeps the model runs in flight, from all callers together, at {@code
 * threads}. Vectors are the mean of the token outputs under the attention mask, L2-normalised: the
 * same vectors as LangChain4j's own model classes (cosine above 0.999, checked by a test).
 * Thread-safe.
 */
public final class OnnxMiniLmEmbedder implements Embedder {
  /** The model's window: 128 word pieces, [CLS] and [SEP] included. */
  private static final int WINDOW = 128;

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
  private final CompletableFuture<Loaded> loaded = new CompletableFuture<>();
  private final ExecutorService workers;
  private final Semaphore runs;
  private final int batchTokens;

  private OnnxMiniLmEmbedder(EmbeddingModelName name, int threads, Path cacheDir) {
    this.name = name;
    this.environment = OrtEnvironment.getEnvironment();
    Thread loader =
        new Thread(
            () -> {
              try {
                loaded.complete(Loaded.load(environment, name, cacheDir));
              } catch (RuntimeException e) {
                loaded.completeExceptionally(e);
              }
            },
            "embed-load");
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

  private static OrtSession createSession(
      OrtEnvironment env, EmbeddingModelName name, Path cacheDir) {
    String resource = "/" + name.id() + ".onnx";
    Optional<Path> file = ModelFiles.locate(resource, cacheDir);
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      if (file.isPresent()) {
        return env.createSession(file.get().toString(), options);
      }
      try (InputStream in = OnnxMiniLmEmbedder.class.getResourceAsStream(resource)) {
        return env.createSession(in.readAllBytes(), options);
      }
    } catch (IOException | OrtException e) {
      throw new AskdocsException("cannot load model " + resource + ": " + e.getMessage(), e);
    }
  }

  /** The session and the tokenizers: one to encode for the model, one to count word pieces. */
  private record Loaded(
      OrtSession session, HuggingFaceTokenizer encoder, HuggingFaceTokenizer counter) {
    static Loaded load(OrtEnvironment env, EmbeddingModelName name, Path cacheDir) {
      HuggingFaceTokenizer encoder =
          tokenizer(
              name,
              Map.of(
                  "padding", "false",
                  "truncation", "true",
                  "maxLength", Integer.toString(WINDOW),
                  "addSpecialTokens", "true"));
      // Counting must see the whole text, so truncation and padding are off.
      HuggingFaceTokenizer counter =
          tokenizer(
              name, Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
      return new Loaded(createSession(env, name, cacheDir), encoder, counter);
    }
  }

  /** The model and tokenizers, waiting for them to finish loading. */
  private Loaded model() {
    try {
      return loaded.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re
          ? re
          : new AskdocsException("cannot load the model: " + cause, cause);
    }
  }

  private static HuggingFaceTokenizer tokenizer(EmbeddingModelName name, Map<String, String> opts) {
    String resource = "/" + name.id() + "-tokenizer.json";
    try (InputStream in = OnnxMiniLmEmbedder.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AskdocsException("tokenizer resource missing from the classpath: " + resource);
      }
      return HuggingFaceTokenizer.newInstance(in, opts);
    } catch (IOException e) {
      throw new AskdocsException("cannot load tokenizer " + resource, e);
    }
  }

  @Override
  public String modelName() {
    return name.id();
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public int maxTokens() {
    return WINDOW - 2;
  }

  @Override
  public int countTokens(String text) {
    return model().counter().encode(text, false, false).getIds().length;
  }

  @Override
  public float[] embed(String text) {
    return run(List.of(model().encoder().encode(text).getIds())).get(0);
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    int n = texts.size();
    long[][] ids = new long[n][];
    HuggingFaceTokenizer encoder = model().encoder();
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

  /** One model run over {@code rows} (token ids with [CLS] and [SEP]), padded to the longest. */
  private List<float[]> run(List<long[]> rows) {
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
    runs.acquireUninterruptibly();
    try (OnnxTensor idsT = OnnxTensor.createTensor(environment, LongBuffer.wrap(inputIds), shape);
        OnnxTensor maskT = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
        OnnxTensor typesT = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape);
        OrtSession.Result result =
            model()
                .session()
                .run(
                    Map.of("input_ids", idsT, "attention_mask", maskT, "token_type_ids", typesT))) {
      FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
      List<float[]> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(meanPool(hidden, i * len, rows.get(i).length));
      }
      return out;
    } catch (OrtException e) {
      throw new AskdocsException("embedding failed: " + e.getMessage(), e);
    } finally {
      runs.release();
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
    Loaded m = loaded.handle((ok, failure) -> ok).join();
    if (m == null) {
      return; // the model never loaded: nothing to close
    }
    try {
      m.session().close();
    } catch (OrtException e) {
      throw new AskdocsException("cannot close the model: " + e.getMessage(), e);
    } finally {
      m.encoder().close();
      m.counter().close();
    }
  }
}
