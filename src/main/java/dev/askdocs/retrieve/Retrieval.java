package dev.askdocs.retrieve;

import java.util.List;

/**
 * What a retrieval found for one question.
 *
 * @param queryVector the question's embedding, reused by the answerer
 * @param passages best first
 */
public record Retrieval(
    String question, float[] queryVector, List<ScoredChunk> passages, double embedMs, double searchMs) {}
