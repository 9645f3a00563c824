package dev.askdocs.answer;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the answerer knows about a question: the kind of answer it expects, its content terms with
 * weights (names and numbers weigh more: they are what makes a question specific), the words that
 * name what is counted in "how many X", and the numbers it mentions (a question about 2022 is not
 * answered by a sentence about 2021).
 */
record Question(
    String text,
    AnswerType type,
    Map<String, Double> termWeights,
    Set<String> focus,
    Set<String> numbers,
    Set<String> lowerWords) {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’.,-]*[\\p{L}\\p{N}]|[\\p{L}\\p{N}]");
  private static final Pattern NUMBER = Pattern.compile("\\d[\\d,.]*");
  private static final Set<String> VERBS =
      Set.of(
          "are", "is", "were", "was", "did", "do", "does", "have", "has", "had", "will", "would",
          "could", "can", "should", "might", "may", "there", "in", "of", "on", "at", "for", "to",
          "been", "be", "the");

  static Question from(String text, Terms terms) {
    String lower = text.toLowerCase(Locale.ROOT);
    Map<String, Double> weights = new LinkedHashMap<>();
    Set<String> numbers = new LinkedHashSet<>();
    Set<String> lowerWords = new LinkedHashSet<>();
    Matcher m = WORD.matcher(text);
    boolean first = true;
    while (m.find()) {
      String word = m.group();
      lowerWords.add(word.toLowerCase(Locale.ROOT));
      if (NUMBER.matcher(word).matches()) {
        numbers.add(Numbers.normalise(word));
      }
      for (String stem : terms.of(word)) {
        boolean specific =
            Character.isDigit(word.charAt(0)) || (!first && Character.isUpperCase(word.charAt(0)));
        weights.merge(stem, specific ? 1.5 : 1.0, Math::max);
      }
      first = false;
    }
    return new Question(text, typeOf(lower), weights, focusOf(lower, terms), numbers, lowerWords);
  }

  private static AnswerType typeOf(String q) {
    if (q.matches("(?s).*\\b(how (many|much|long|old|far|large|big|tall|often)|what (percentage|percent|number|amount)|what is the (number|population|size|total))\\b.*")) {
      return AnswerType.NUMBER;
    }
    if (q.matches("(?s).*\\b(when|what year|which year|what date|what month|what day|what century|what decade|how recently)\\b.*")) {
      return AnswerType.DATE;
    }
    if (q.matches("(?s).*\\b(who|whom|whose)\\b.*")) {
      return AnswerType.PERSON;
    }
    if (q.matches("(?s).*\\b(where|which (country|city|state|region|province|town|place)|what (country|city|state|region|province|town|place))\\b.*")) {
      return AnswerType.PLACE;
    }
    return AnswerType.OTHER;
  }

  /** The content words after "how many"/"how much" up to the verb: what is being counted. */
  private static Set<String> focusOf(String q, Terms terms) {
    Matcher m = Pattern.compile("how (many|much) ([^?.!]*)").matcher(q);
    Set<String> focus = new LinkedHashSet<>();
    if (!m.find()) {
      return focus;
    }
    for (String w : m.group(2).trim().split("\\s+")) {
      if (VERBS.contains(w) || focus.size() >= 3) {
        break;
      }
      String stem = terms.stem(w);
      if (stem != null) {
        focus.add(stem);
      }
    }
    return focus;
  }
}
