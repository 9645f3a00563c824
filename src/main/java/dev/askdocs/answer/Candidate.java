package dev.askdocs.answer;

import dev.askdocs.retrieve.ScoredChunk;

/**
 * A sentence (or table row) of a retrieved passage that may be quoted: its text, the text before
 * it, its offsets in the document and, once scored, its score.
 */
record Candidate(
    ScoredChunk passage,
    String text,
    String context,
    int start,
    int end,
    SentenceScorer.Scored scored) {
  Candidate withScore(SentenceScorer.Scored s) {
    return new Candidate(passage, text, context, start, end, s);
  }

  double score() {
    return scored.score();
  }
}
