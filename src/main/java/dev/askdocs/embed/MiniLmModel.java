package dev.askdocs.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.askdocs.AskdocsException;
import dev.askdocs.config.EmbeddingModelName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * all-MiniLM-L6-v2's ONNX Runtime sessions and tokenizers, read from the LangChain4j jars'
 * resources. Two sessions of the one model: {@link #session} runs on one thread per run, for
 * batches spread over worker threads (throughput); {@link #solo}, present on machines with more
 * than one core, spreads a single run over every core (the latency of one question while the model
 * is otherwise idle).
 */
final class MiniLmModel implements AutoCloseable {
  /** The model's window: 128 word pieces, [CLS] and [SEP] included. */
  static final int WINDOW = 128;

  final OrtSession session;
  final HuggingFaceTokenizer encoder;
  final HuggingFaceTokenizer counter;

  private MiniLmModel(
      OrtSession session, HuggingFaceTokenizer encoder, HuggingFaceTokenizer counter) {
    this.session = session;
    this.encoder = encoder;
    this.counter = counter;
  }

  /** Loads the tokenizers and the one-thread session. */
  static MiniLmModel load(OrtEnvironment env, EmbeddingModelName name, Path cacheDir) {
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
    return new MiniLmModel(session(env, name, cacheDir, 1), encoder, counter);
  }

  /**
   * A session whose runs use {@code threads} threads. They wait for work without spinning, so that
   * an idle session takes no CPU from the rest.
   */
  static OrtSession session(
      OrtEnvironment env, EmbeddingModelName name, Path cacheDir, int threads) {
    String resource = "/" + name.id() + ".onnx";
    Optional<Path> file = ModelFiles.locate(resource, cacheDir);
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      if (file.isPresent()) {
        return env.createSession(file.get().toString(), options);
      }
      try (InputStream in = MiniLmModel.class.getResourceAsStream(resource)) {
        return env.createSession(in.readAllBytes(), options);
      }
    } catch (IOException | OrtException e) {
      throw new AskdocsException("cannot load model " + resource + ": " + e.getMessage(), e);
    }
  }

  private static HuggingFaceTokenizer tokenizer(EmbeddingModelName name, Map<String, String> opts) {
    String resource = "/" + name.id() + "-tokenizer.json";
    try (InputStream in = MiniLmModel.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AskdocsException("tokenizer resource missing from the classpath: " + resource);
      }
      return HuggingFaceTokenizer.newInstance(in, opts);
    } catch (IOException e) {
      throw new AskdocsException("cannot load tokenizer " + resource, e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new AskdocsException("cannot close the model: " + e.getMessage(), e);
    } finally {
      encoder.close();
      counter.close();
    }
  }
}
