package dev.askdocs.embed;

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
