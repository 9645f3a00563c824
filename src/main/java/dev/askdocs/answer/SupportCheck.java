package dev.askdocs.answer;

import dev.askdocs.chunk.SentenceSplitter;
import dev.askdocs.chunk.Span;
import dev.askdocs.embed.Embedder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges whether a passage supports a claim (one sentence of a written answer): a weighted sum of
 * the share of the claim's content terms the passage contains and the best embedding cosine between
 * the claim and a sentence (or two adjacent sentences) of the passage, at or above a threshold, and
 * every number the claim states present in the passage. Weight and threshold were measured on
 * labelled claims (docs/EVALUATION.md). It judges closeness, not entailment: a negated or
 * recombined claim built from the passage's own words can pass. Thread-safe.
 */
public final class SupportCheck {
  /** Weight of lexical coverage in the support score; the rest is the embedding cosine. */
  public static final double DEFAULT_LEXICAL_WEIGHT = 0.5;

  /**
   * Support score at or above which a passage supports a claim: the best balanced accuracy on
   * claims built from SQuAD's development articles, with {@link #DEFAULT_LEXICAL_WEIGHT}; see
   * docs/EVALUATION.md.
   */
  public static final double DEFAULT_THRESHOLD = 0.65;

  private static final Pattern CAPITALISED = Pattern.compile("\\b\\p{Lu}[\\p{L}'’-]+");

  private final SentenceSplitter splitter = new SentenceSplitter();
  private final Terms terms = new Terms();
  private final Embedder embedder;
  private final double lexicalWeight;
  private final double threshold;

  public SupportCheck(Embedder embedder, double lexicalWeight, double threshold) {
    this.embedder = embedder;
    this.lexicalWeight = lexicalWeight;
    this.threshold = threshold;
  }

  /** With the measured weight and threshold. */
  public SupportCheck(Embedder embedder) {
    this(embedder, DEFAULT_LEXICAL_WEIGHT, DEFAULT_THRESHOLD);
  }

  /**
   * How well {@code passage} supports {@code claim}.
   *
   * @param claim one sentence, without citation markers
   */
  public Support measure(String claim, String passage) {
    Set<String> claimTerms = terms.of(claim);
    Set<String> passageTerms = terms.of(passage);
    double lexical;
    if (claimTerms.isEmpty()) {
      lexical = 1.0;
    } else {
      long found = claimTerms.stream().filter(passageTerms::contains).count();
      lexical = (double) found / claimTerms.size();
    }
    List<Span> sentences = splitter.split(passage);
    List<String> windows = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      windows.add(sentences.get(i).of(passage));
      if (i + 1 < sentences.size()) {
        windows.add(passage.substring(sentences.get(i).start(), sentences.get(i + 1).end()));
      }
    }
    if (windows.isEmpty()) {
      windows.add(passage);
    }
    List<String> texts = new ArrayList<>(windows.size() + 1);
    texts.add(claim);
    texts.addAll(windows);
    List<float[]> vectors = embedder.embedAll(texts);
    double cosine = 0;
    int best = 0;
    for (int i = 1; i < vectors.size(); i++) {
      double c = Embedder.cosine(vectors.get(0), vectors.get(i));
      if (c > cosine) {
        cosine = c;
        best = i - 1;
      }
    }
    Set<String> passageNumbers = Numbers.digits(passage);
    Set<String> missing = new HashSet<>(Numbers.digits(claim));
    missing.removeAll(passageNumbers);
    String lowerPassage = passage.toLowerCase(Locale.ROOT);
    int missingNames = 0;
    Matcher m = CAPITALISED.matcher(claim);
    while (m.find()) {
      if (m.start() > 0 && !lowerPassage.contains(m.group().toLowerCase(Locale.ROOT))) {
        missingNames++;
      }
    }
    Span bestSentence = bestSentence(sentences, best);
    return new Support(
        lexicalWeight * lexical + (1 - lexicalWeight) * cosine,
        lexical,
        cosine,
        missing.isEmpty(),
        missingNames,
        bestSentence);
  }

  /** True when {@code s} clears the threshold and no number of the claim is missing. */
  public boolean supports(Support s) {
    return s.numbersFound() && s.score() >= threshold;
  }

  /** The sentence a window index stands for: windows alternate single and pair. */
  private static Span bestSentence(List<Span> sentences, int window) {
    if (sentences.isEmpty()) {
      return null;
    }
    int sentence = Math.min(sentences.size() - 1, window / 2);
    return sentences.get(sentence);
  }

  /**
   * One claim against one passage.
   *
   * @param score the support score, 0 to 1
   * @param lexical share of the claim's content terms found in the passage
   * @param cosine best cosine between the claim and a passage sentence or sentence pair
   * @param numbersFound true when every number the claim states is in the passage
   * @param missingNames capitalised words of the claim (not the first) absent from the passage
   * @param bestSentence the passage sentence closest to the claim, offsets within the passage; null
   *     for an empty passage
   */
  public record Support(
      double score,
      double lexical,
      double cosine,
      boolean numbersFound,
      int missingNames,
      Span bestSentence) {}
}
