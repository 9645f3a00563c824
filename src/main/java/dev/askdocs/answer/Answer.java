package dev.askdocs.answer;

import java.util.List;

/**
 * The reply to a question.
 *
 * @param text the answer; every sentence taken from a document ends with its {@code [n]} marker
 * @param abstained true when the documents don't answer the question; then {@code citations} is
 *     empty and {@code seeAlso} lists the closest passages
 * @param confidence the answerer's confidence in the answer, 0 to 1
 * @param unsupportedClaims sentences of a written (LLM) answer that the passages they cite don't
 *     support, as written; always empty for quoted (extractive) answers
 * @param notice why the answer is not what was asked for, for the reader (for example "the language
 *     model did not answer in time, so this answer quotes the documents"); null when there is none
 * @param answeredBy {@link #EXTRACTIVE} or {@link #LLM}: who wrote the text
 */
public record Answer(
    String text,
    boolean abstained,
    List<Citation> citations,
    List<RelatedPassage> seeAlso,
    double confidence,
    List<String> unsupportedClaims,
    String notice,
    String answeredBy) {

  /** The text quotes the documents. */
  public static final String EXTRACTIVE = "extractive";

  /** A language model wrote the text from the passages. */
  public static final String LLM = "llm";

  public Answer {
    citations = List.copyOf(citations);
    seeAlso = List.copyOf(seeAlso);
    unsupportedClaims = List.copyOf(unsupportedClaims);
  }

  /** An extractive answer, without notice. */
  public Answer(
      String text,
      boolean abstained,
      List<Citation> citations,
      List<RelatedPassage> seeAlso,
      double confidence) {
    this(text, abstained, citations, seeAlso, confidence, List.of(), null, EXTRACTIVE);
  }

  /** This answer with {@code value} as its notice. */
  public Answer withNotice(String value) {
    return new Answer(
        text, abstained, citations, seeAlso, confidence, unsupportedClaims, value, answeredBy);
  }
}
