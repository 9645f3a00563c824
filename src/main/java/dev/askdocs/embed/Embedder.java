package dev.askdocs.embed;

import dev.askdocs.chunk.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns text into unit-length vectors. Created once per process; thread-safe.
 *
 * <p>Contract: every vector has {@link #dimension()} components and unit length, so cosine
 * similarity is the dot product. Text beyond {@link #maxTokens()} word pieces is not seen by the
 * model; callers that care (the chunker) measure with {@link #countTokens}.
 */
public interface Embedder extends AutoCloseable {
  /** The model's name, dimension and window. */
  ModelInfo model();

  /** {@link ModelInfo#modelName()} of {@link #model()}. */
  default String modelName() {
    return model().modelName();
  }

  /** {@link ModelInfo#dimension()} of {@link #model()}. */
  default int dimension() {
    return model().dimension();
  }

  /** {@link ModelInfo#maxTokens()} of {@link #model()}. */
  default int maxTokens() {
    return model().maxTokens();
  }

  /** Word pieces of {@code text} by the model's own tokenizer, special tokens excluded. */
  int countTokens(String text);

  float[] embed(String text);

  /** Embeds many texts at once; the result is in input order. */
  List<float[]> embedAll(List<String> texts);

  /**
   * Embeds {@code texts} as {@link #embedAll} does and, from the same model runs, the character
   * spans {@code spans} lists for each text (the same order): a span's vector is the mean of the
   * model's outputs for the span's own tokens, unit length, as a whole text is pooled, except that
   * each of those tokens saw the whole text around it. A span the model did not see whole (cut off
   * at its window) or that has no token of its own gets null, and so does every span with this
   * default, for models that cannot pool: the caller embeds those alone.
   */
  default List<SpanVectors> embedAllWithSpans(List<String> texts, List<List<Span>> spans) {
    List<float[]> vectors = embedAll(texts);
    List<SpanVectors> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      out.add(new SpanVectors(vectors.get(i), Arrays.asList(new float[spans.get(i).size()][])));
    }
    return out;
  }

  /**
   * Whether a text's vector is the same whatever other texts share its {@link #embedAll} call, so
   * that unrelated callers' texts may be run together ({@link BatchingEmbedder}). True unless the
   * model says otherwise.
   */
  default boolean batchKeepsVectors() {
    return true;
  }

  /** Releases the model; does not throw checked exceptions. */
  @Override
  void close();

  /** Dot product of two unit vectors: their cosine similarity. */
  static double cosine(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
