package dev.askdocs.answer;

import java.util.List;

/**
 * The reply to a question.
 *
 * @param text the answer; every sentence taken from a document ends with its {@code [n]} marker
 * @param abstained true when the documents don't answer the question; then {@code citations} is
 *     empty and {@code seeAlso} lists the closest passages
 * @param confidence the answerer's confidence in the answer, 0 to 1
 */
public record Answer(
    String text,
    boolean abstained,
    List<Citation> citations,
    List<RelatedPassage> seeAlso,
    double confidence) {

  public Answer {
    citations = List.copyOf(citations);
    seeAlso = List.copyOf(seeAlso);
  }
}
