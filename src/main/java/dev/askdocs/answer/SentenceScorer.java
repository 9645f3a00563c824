package dev.askdocs.answer;

import dev.askdocs.embed.Embedder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores how well one sentence answers a question, from 0 to 1: a weighted sum of the embedding
 * cosine between question and sentence, the weighted share of the question's content terms the
 * sentence contains, and whether the sentence holds the kind of answer the question asks for (a
 * number for "how many", a date for "when", a name for "who"). Thread-safe.
 */
final class SentenceScorer {
  // Chosen by a grid search on SQuAD's development articles (docs/EVALUATION.md): with the type
  // gates in place, a type bonus in the score no longer helps.
  static final double W_COSINE = 0.50;
  static final double W_LEXICAL = 0.50;
  static final double W_TYPE = 0.0;

  /** Terms found only in the preceding sentence count for less than terms in the sentence. */
  static final double CONTEXT_DISCOUNT = 0.8;

  private static final Pattern CAPITALISED =
      Pattern.compile("(?<![.!?]\\s)(?<!^)\\b\\p{Lu}[\\p{L}'’-]+");

  private final Terms terms;
  private final Embedder embedder;

  SentenceScorer(Terms terms, Embedder embedder) {
    this.terms = terms;
    this.embedder = embedder;
  }

  /**
   * Scores of {@code sentences} for {@code question}, in the same order.
   *
   * @param contexts per sentence, the text just before it (may be empty): a sentence that says
   *     "she" still answers a question about the person named one sentence earlier
   */
  List<Scored> score(
      Question question, float[] questionVector, List<String> sentences, List<String> contexts) {
    List<float[]> vectors = embedder.embedAll(sentences);
    List<Scored> out = new ArrayList<>(sentences.size());
    for (int i = 0; i < sentences.size(); i++) {
      String s = sentences.get(i);
      double cosine = Math.max(0, Embedder.cosine(questionVector, vectors.get(i)));
      Set<String> own = terms.of(s);
      Set<String> withContext = new HashSet<>(own);
      withContext.addAll(terms.of(contexts.get(i)));
      double lexical =
          Math.max(lexical(question, own), CONTEXT_DISCOUNT * lexical(question, withContext));
      boolean typed = typeMatches(question, s);
      double typeScore = question.type() == AnswerType.OTHER ? 0.5 : typed ? 1.0 : 0.0;
      double score = W_COSINE * cosine + W_LEXICAL * lexical + W_TYPE * typeScore;
      out.add(new Scored(score, cosine, lexical, typed));
    }
    return out;
  }

  static double lexical(Question q, Set<String> sentenceTerms) {
    Set<String> covered = new HashSet<>(sentenceTerms);
    q.compounds()
        .forEach(
            (joined, parts) -> {
              if (sentenceTerms.contains(joined)) {
                covered.addAll(parts);
              }
            });
    double total = 0;
    double found = 0;
    for (var e : q.termWeights().entrySet()) {
      total += e.getValue();
      if (covered.contains(e.getKey())) {
        found += e.getValue();
      }
    }
    return total == 0 ? 0 : found / total;
  }

  /** Whether the sentence holds an answer of the expected type that the question lacks. */
  boolean typeMatches(Question q, String sentence) {
    return switch (q.type()) {
      case NUMBER ->
          Numbers.hasQuantity(sentence, q.lowerWords())
              && (q.focus().isEmpty() || containsAny(terms.of(sentence), q.focus()));
      case DATE -> Numbers.hasDate(sentence, q.lowerWords());
      case PERSON, PLACE -> hasNewName(q, sentence);
      case OTHER -> true;
    };
  }

  private static boolean containsAny(Set<String> haystack, Set<String> needles) {
    for (String n : needles) {
      if (haystack.contains(n)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasNewName(Question q, String sentence) {
    Matcher m = CAPITALISED.matcher(sentence);
    while (m.find()) {
      if (m.start() > 0 && !q.lowerWords().contains(m.group().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** One sentence's score and the parts it was made of. */
  record Scored(double score, double cosine, double lexical, boolean typeMatches) {}
}
