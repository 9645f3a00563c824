package dev.askdocs.embed;

/**
 * What an {@link Embedder}'s model is: recorded in the index, and what the chunker must respect.
 *
 * @param modelName stable name recorded in the index, e.g. {@code all-minilm-l6-v2}
 * @param dimension components of every vector
 * @param maxTokens word pieces of content the model sees, special tokens excluded
 */
public record ModelInfo(String modelName, int dimension, int maxTokens) {}
