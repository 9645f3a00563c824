package dev.askdocs.embed;

import java.util.List;

/**
 * A text's vector and, from the same model run, the vectors of character spans of it ({@link
 * Embedder#embedAllWithSpans}).
 *
 * @param vector the whole text's vector, as {@link Embedder#embedAll} gives it
 * @param spans one entry per span asked for, in order; null where the span could not be pooled (cut
 *     off at the model's window, no token of its own, or an embedder that does not pool)
 */
public record SpanVectors(float[] vector, List<float[]> spans) {}
