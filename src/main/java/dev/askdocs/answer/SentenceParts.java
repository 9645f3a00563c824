package dev.askdocs.answer;

/**
 * One candidate sentence of an extractive answer with the parts its score is made of, in the order
 * the answerer considers them; for tuning the scorer's weights on development data.
 *
 * @param text the sentence as it would be quoted
 * @param next the sentence after it in the same passage, or empty
 * @param nextIndex the index of {@code next} among the candidates, or -1 when it is not one
 * @param cosine embedding cosine between question and sentence (0 to 1)
 * @param lexical weighted share of the question's content terms the sentence covers (0 to 1)
 * @param type 1 when the sentence holds the answer type asked for, 0 when not, 0.5 when the
 *     question asks for no particular type
 * @param eligible false when a gate keeps the sentence out whatever its score
 */
public record SentenceParts(
    String text,
    String next,
    int nextIndex,
    double cosine,
    double lexical,
    double type,
    boolean eligible) {}
