package dev.askdocs.answer;

/**
 * The extractive answerer's sentence-scoring setting: the weights of the embedding cosine, the
 * lexical coverage and the answer-type match, and the share of the best score at which the first
 * quote runs on into the next sentence (above 1: never). For evaluation, which replays settings.
 */
public record ScorerSetting(double cosine, double lexical, double type, double extendRatio) {
  /** What the answerer uses. */
  public static final ScorerSetting DEFAULT =
      new ScorerSetting(
          SentenceScorer.W_COSINE,
          SentenceScorer.W_LEXICAL,
          SentenceScorer.W_TYPE,
          ExtractiveAnswerer.EXTEND_RATIO);

  /** The first, untuned choice (before issue 21): 0.55 / 0.30 / 0.15, no extension. */
  public static final ScorerSetting UNTUNED = new ScorerSetting(0.55, 0.30, 0.15, 9);
}
