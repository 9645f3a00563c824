package dev.askdocs.index;

/** Counts and the embedding model an index was built with. */
public record IndexStats(int documents, int chunks, String embeddingModel, int dimension) {}
