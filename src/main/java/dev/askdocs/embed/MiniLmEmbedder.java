package dev.askdocs.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.askdocs.AskdocsException;
import dev.askdocs.config.EmbeddingModelName;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * all-MiniLM-L6-v2 running in-process through LangChain4j's ONNX model, float or quantized. The
 * model files ship inside the LangChain4j jars: nothing is downloaded.
 */
public final class MiniLmEmbedder implements Embedder {
  /** The bundled tokenizer truncates at 128 word pieces, [CLS] and [SEP] included. */
  private static final int WINDOW = 128;

  private final EmbeddingModelName name;
  private final EmbeddingModel model;
  private final ExecutorService executor;
  private final HuggingFaceTokenizer tokenizer;

  private MiniLmEmbedder(EmbeddingModelName name, int threads) {
    this.name = name;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "embed-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.model =
        name == EmbeddingModelName.ALL_MINILM_L6_V2_Q
            ? new AllMiniLmL6V2QuantizedEmbeddingModel(executor)
            : new AllMiniLmL6V2EmbeddingModel(executor);
    this.tokenizer = loadTokenizer(name);
  }

  /** Loads the model; takes about a second. */
  public static MiniLmEmbedder load(EmbeddingModelName name) {
    return new MiniLmEmbedder(name, Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  private static HuggingFaceTokenizer loadTokenizer(EmbeddingModelName name) {
    String resource = "/" + name.id() + "-tokenizer.json";
    try (InputStream in = MiniLmEmbedder.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AskdocsException("tokenizer resource missing from the classpath: " + resource);
      }
      // Counting must see the whole text, so the tokenizer's own truncation and padding are off.
      return HuggingFaceTokenizer.newInstance(
          in, Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
    } catch (IOException e) {
      throw new AskdocsException("cannot load tokenizer " + resource, e);
    }
  }

  @Override
  public ModelInfo model() {
    return new ModelInfo(name.id(), 384, WINDOW - 2);
  }

  @Override
  public int countTokens(String text) {
    return tokenizer.encode(text, false, false).getIds().length;
  }

  @Override
  public float[] embed(String text) {
    return model.embed(text).content().vector();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
  }

  @Override
  public void close() {
    executor.shutdownNow();
    tokenizer.close();
  }
}
