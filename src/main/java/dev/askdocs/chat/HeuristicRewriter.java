package dev.askdocs.chat;

import dev.askdocs.answer.Terms;
import dev.askdocs.llm.Deadline;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites follow-up questions without a language model. A question is a follow-up when it points
 * back (a pronoun such as "he", "it", "they", "those", "there"), continues ("and ...", "what about
 * ..."), or names fewer than two things of its own. Then the content words of the previous searched
 * question that it lacks are added in brackets: "And how many if families are counted? (TTP
 * fighters Afghanistan)". Measured on a scripted conversation (docs/EVALUATION.md), where adding
 * the people the previous answer named as well ({@link Carry#QUESTION_TERMS_AND_NAMES}) did worse.
 * Thread-safe.
 */
public final class HeuristicRewriter implements QuestionRewriter {
  private static final Set<String> POINTING_BACK =
      Set.of(
          "he", "she", "him", "her", "his", "hers", "it", "its", "they", "them", "their", "theirs",
          "this", "that", "these", "those", "there", "then", "such", "same");
  private static final Set<String> PERSONAL = Set.of("he", "she", "him", "her", "his", "hers");
  private static final Pattern CONTINUES =
      Pattern.compile(
          "^(and|but|also|or|so|then|what about|how about|what if|what else)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’,.-]*[\\p{L}\\p{N}]|[\\p{L}\\p{N}]");
  private static final Pattern EXISTENTIAL_THERE =
      Pattern.compile("\\b(is|are|was|were) there\\b", Pattern.CASE_INSENSITIVE);

  /** A name: capitalised words in a row, not at the start of a sentence. */
  private static final Pattern NAME =
      Pattern.compile("(?<![.!?]\\s)(?<!^)\\b(\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+)+)");

  /** What a follow-up is given from the turn before it. */
  public enum Carry {
    /** Nothing: the question is searched as asked (the baseline). */
    NOTHING,
    /** The previous searched question's content words the follow-up lacks. */
    QUESTION_TERMS,
    /** Those, and the people the previous answer named when the follow-up says "he" or "she". */
    QUESTION_TERMS_AND_NAMES
  }

  private final Terms terms = new Terms();
  private final Carry carry;

  public HeuristicRewriter(Carry carry) {
    this.carry = carry;
  }

  /** With the measured choice, {@link Carry#QUESTION_TERMS}. */
  public HeuristicRewriter() {
    this(Carry.QUESTION_TERMS);
  }

  @Override
  public Rewrite rewrite(String question, List<Turn> history, Deadline deadline) {
    if (history.isEmpty() || carry == Carry.NOTHING || !isFollowUp(question)) {
      return Rewrite.unchanged(question);
    }
    Turn last = history.get(history.size() - 1);
    Set<String> have = terms.of(question);
    Set<String> seen = new LinkedHashSet<>();
    List<String> added = new ArrayList<>();
    if (carry == Carry.QUESTION_TERMS_AND_NAMES && pointsAtPerson(question)) {
      Matcher n = NAME.matcher(firstSentence(last.answer()));
      while (n.find() && added.size() < 2) {
        if (!terms.of(n.group(1)).stream().allMatch(have::contains)
            && !last.searchedQuestion().contains(n.group(1))) {
          added.add(n.group(1));
          seen.addAll(terms.of(n.group(1)));
        }
      }
    }
    Matcher w = WORD.matcher(stripCarried(last.searchedQuestion()));
    while (w.find()) {
      String stem = terms.stem(w.group());
      if (stem != null && !have.contains(stem) && seen.add(stem)) {
        added.add(w.group());
      }
    }
    if (added.isEmpty()) {
      return Rewrite.unchanged(question);
    }
    return new Rewrite(question.strip() + " (" + String.join(" ", added) + ")", Rewrite.HEURISTIC);
  }

  /** True when {@code question} points back, continues, or names fewer than two things. */
  boolean isFollowUp(String question) {
    String q = EXISTENTIAL_THERE.matcher(question).replaceAll(" ");
    if (CONTINUES.matcher(q.strip()).find()) {
      return true;
    }
    Matcher w = WORD.matcher(q.toLowerCase(Locale.ROOT));
    while (w.find()) {
      if (POINTING_BACK.contains(w.group())) {
        return true;
      }
    }
    return terms.of(question).size() < 2;
  }

  private static boolean pointsAtPerson(String question) {
    Matcher w = WORD.matcher(question.toLowerCase(Locale.ROOT));
    while (w.find()) {
      if (PERSONAL.contains(w.group())) {
        return true;
      }
    }
    return false;
  }

  /** A previous rewrite's bracketed words are the previous question's too: keep them. */
  private static String stripCarried(String searched) {
    return searched.replace('(', ' ').replace(')', ' ');
  }

  private static String firstSentence(String answer) {
    int end = answer.indexOf(". ");
    return (end < 0 ? answer : answer.substring(0, end + 1)).replaceAll("\\[\\d+\\]", "");
  }
}
