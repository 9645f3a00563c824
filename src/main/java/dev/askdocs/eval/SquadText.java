package dev.askdocs.eval;

import java.util.Locale;
import java.util.regex.Pattern;

/** Answer normalisation as in the official SQuAD v1.1 evaluation script. */
final class SquadText {
  private static final Pattern PUNCTUATION = Pattern.compile("[\\p{Punct}‘’“”–—]");
  private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");

  private SquadText() {}

  /** Lower case, no punctuation, no articles, single spaces. */
  static String normalise(String s) {
    String t = s.toLowerCase(Locale.ROOT);
    t = PUNCTUATION.matcher(t).replaceAll("");
    t = ARTICLES.matcher(t).replaceAll(" ");
    return String.join(" ", t.trim().split("\\s+"));
  }

  /** Whether {@code text} contains one of the gold answers, both normalised, on word boundaries. */
  static boolean containsAny(String text, Iterable<String> answers) {
    String hay = " " + normalise(text) + " ";
    for (String a : answers) {
      String needle = normalise(a);
      if (!needle.isEmpty() && hay.contains(" " + needle + " ")) {
        return true;
      }
    }
    return false;
  }
}
