package dev.askdocs.retrieve;

import dev.askdocs.chunk.Chunk;

/**
 * A retrieved passage.
 *
 * @param score the fused score (higher is better); comparable only within one retrieval
 * @param keywordRank 1-based rank in the BM25 list, or 0 when BM25 did not return it
 * @param vectorRank 1-based rank in the vector list, or 0 when vector search did not return it
 */
public record ScoredChunk(
    Chunk chunk, String title, String source, double score, int keywordRank, int vectorRank) {}
