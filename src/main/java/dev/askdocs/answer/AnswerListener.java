package dev.askdocs.answer;

import java.util.List;

/**
 * Told about every answer, for metrics. Implementations must be thread-safe and fast: they are
 * called on the answering thread, after the answer is made, and must not throw.
 */
public interface AnswerListener {
  /** The {@link #fellBack} reasons besides the language model's own failures ({@code timeout}…). */
  List<String> FALLBACK_REASONS = List.of("no_citations", "unsupported");

  /** A question was answered (written, quoted or abstained), with its stage timings. */
  void answered(QuestionAnswerer.Result result);

  /**
   * A language-model answer was replaced by the extractive one: {@code reason} is an {@link
   * dev.askdocs.llm.LlmFailure#id()} or one of {@link #FALLBACK_REASONS}.
   */
  void fellBack(String reason);

  /** Tells nobody. */
  AnswerListener NONE =
      new AnswerListener() {
        @Override
        public void answered(QuestionAnswerer.Result result) {
          // nobody listens
        }

        @Override
        public void fellBack(String reason) {
          // nobody listens
        }
      };

  /** {@code "abstained"}, {@code "llm"} or {@code "extractive"}: what kind of answer it is. */
  static String kind(Answer answer) {
    return answer.abstained() ? "abstained" : answer.answeredBy();
  }
}
