package dev.askdocs.index;

import java.time.Instant;

/** An indexed document's metadata, without its text. */
public record DocumentSummary(
    String id,
    String source,
    String title,
    String contentHash,
    Instant indexedAt,
    int chunks,
    String collection) {}
