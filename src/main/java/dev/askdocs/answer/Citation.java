package dev.askdocs.answer;

/**
 * One numbered source of an answer: the exact sentence(s) quoted and where they stand.
 *
 * @param n the number used in the answer text as {@code [n]}, from 1
 * @param source path relative to the corpus folder
 * @param quote exactly {@code documentText.substring(start, end)}
 * @param page 1-based page of the quote, or null when the document has no pages
 * @param score the answerer's confidence in this sentence, 0 to 1
 */
public record Citation(
    int n,
    String documentId,
    String title,
    String source,
    String chunkId,
    String quote,
    int start,
    int end,
    Integer page,
    double score) {}
