package dev.askdocs.answer;

/** A passage shown as "see also" next to an abstention: close to the question, not an answer. */
public record RelatedPassage(
    String documentId, String title, String source, String chunkId, String text, double score) {}
