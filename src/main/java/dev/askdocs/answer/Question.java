package dev.askdocs.answer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the answerer knows about a question: the kind of answer it expects, its content terms
 * weighted by their rarity in the documents (a rare word is what makes a question specific, and a
 * word the documents never use is a sign they don't answer it), the words that name what is counted
 * in "how many X", and the numbers it mentions (a question about 2022 is not answered by a sentence
 * about 2021).
 */
record Question(
    String text,
    AnswerType type,
    Map<String, Double> termWeights,
    Set<String> focus,
    Set<String> numbers,
    Set<String> lowerWords,
    Map<String, Set<String>> compounds) {

  private static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’.,-]*[\\p{L}\\p{N}]|[\\p{L}\\p{N}]");
  private static final Pattern NUMBER = Pattern.compile("\\d[\\d,.]*");
  private static final Set<String> VERBS =
      Set.of(
          "are", "is", "were", "was", "did", "do", "does", "have", "has", "had", "will", "would",
          "could", "can", "should", "might", "may", "there", "in", "of", "on", "at", "for", "to",
          "been", "be", "the");

  /**
   * Analyses a question.
   *
   * @param rarity inverse document frequency of analysed terms in the index; a term it lacks is
   *     weighted as the rarest it holds (it is unknown to the documents)
   */
  static Question from(String text, Terms terms, Map<String, Double> rarity) {
    String lower = text.toLowerCase(Locale.ROOT);
    double rarest = rarity.values().stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
    Map<String, Double> weights = new LinkedHashMap<>();
    Set<String> numbers = new LinkedHashSet<>();
    Set<String> lowerWords = new LinkedHashSet<>();
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String word = m.group();
      words.add(word);
      lowerWords.add(word.toLowerCase(Locale.ROOT));
      if (NUMBER.matcher(word).matches()) {
        numbers.add(Numbers.normalise(word));
      }
    }
    for (String stem : terms.of(text)) {
      weights.put(stem, rarity.getOrDefault(stem, rarest));
    }
    return new Question(
        text,
        typeOf(lower),
        weights,
        focusOf(lower, terms),
        numbers,
        lowerWords,
        compoundsOf(words, terms));
  }

  private static AnswerType typeOf(String q) {
    if (q.matches(
        "(?s).*\\b(how (many|much|long|old|far|large|big|tall|often)|what (percentage|percent|number|amount)|what is the (number|population|size|total))\\b.*")) {
      return AnswerType.NUMBER;
    }
    if (q.matches(
        "(?s).*\\b(when|what year|which year|what date|what month|what day|what century|what decade|how recently)\\b.*")) {
      return AnswerType.DATE;
    }
    if (q.matches("(?s).*\\b(who|whom|whose)\\b.*")) {
      return AnswerType.PERSON;
    }
    if (q.matches(
        "(?s).*\\b(where|which (country|city|state|region|province|town|place)|what (country|city|state|region|province|town|place))\\b.*")) {
      return AnswerType.PLACE;
    }
    return AnswerType.OTHER;
  }

  /**
   * What "how many X" counts: the head noun X (the last content word before the verb), so that "how
   * many Pakistani soldiers" is not answered by a number of anything Pakistani.
   */
  private static Set<String> focusOf(String q, Terms terms) {
    Matcher m = Pattern.compile("how (many|much) ([^?.!]*)").matcher(q);
    Set<String> focus = new LinkedHashSet<>();
    if (!m.find()) {
      return focus;
    }
    String head = null;
    for (String w : m.group(2).trim().split("\\s+")) {
      if (VERBS.contains(w)) {
        break;
      }
      String stem = terms.stem(w);
      head = stem != null ? stem : head;
    }
    if (head != null) {
      focus.add(head);
    }
    return focus;
  }

  /**
   * Two adjacent question words written as one ("take over" and "takeover"): the stem of the joined
   * form, mapped to the stems of its parts, so a sentence using the compound covers them.
   */
  private static Map<String, Set<String>> compoundsOf(List<String> words, Terms terms) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < words.size(); i++) {
      String joined = terms.stem(words.get(i) + words.get(i + 1));
      if (joined == null) {
        continue;
      }
      Set<String> parts = new LinkedHashSet<>();
      for (String w : List.of(words.get(i), words.get(i + 1))) {
        String stem = terms.stem(w);
        if (stem != null) {
          parts.add(stem);
        }
      }
      if (!parts.isEmpty()) {
        out.put(joined, parts);
      }
    }
    return out;
  }
}
