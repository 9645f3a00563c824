package dev.askdocs.http;

import dev.askdocs.answer.Answer;
import dev.askdocs.answer.Citation;
import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.answer.RelatedPassage;
import java.util.List;

/**
 * An answer as the JSON API shows it, the same in {@code /api/v1/ask} and {@code /api/v1/chat}: the
 * responses unwrap it into their own fields.
 *
 * @param answerHtml the answer's Markdown as safe HTML ({@link AnswerMarkdown}) for the chat page
 */
record AnswerBody(
    String answer,
    String answerHtml,
    boolean abstained,
    double confidence,
    String answeredBy,
    String notice,
    List<Citation> citations,
    List<String> unsupportedClaims,
    List<RelatedPassage> seeAlso,
    QuestionAnswerer.Timings timingsMs) {

  static AnswerBody of(QuestionAnswerer.Result r) {
    Answer a = r.answer();
    return new AnswerBody(
        a.text(),
        AnswerMarkdown.html(a.text()),
        a.abstained(),
        a.confidence(),
        a.answeredBy(),
        a.notice(),
        a.citations(),
        a.unsupportedClaims(),
        a.seeAlso(),
        r.timings());
  }
}
