package dev.askdocs.answer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The same English analysis as the keyword index (lower case, stop words, Porter stems), plus
 * question words, so that "fighters" in a question matches "fighter" in a sentence. Thread-safe.
 */
public final class Terms {
  private static final Set<String> QUESTION_WORDS =
      Set.of(
          "what",
          "which",
          "who",
          "whom",
          "whose",
          "when",
          "where",
          "why",
          "how",
          "many",
          "much",
          "did",
          "do",
          "does",
          "done",
          "has",
          "have",
          "had",
          "can",
          "could",
          "would",
          "should",
          "may",
          "might",
          "must",
          "were",
          "been",
          "being",
          "am",
          "about",
          "name",
          "tell",
          "me",
          "its",
          "it's",
          "from",
          "than",
          "any",
          "some",
          "so",
          // Question boilerplate: says how the question is put, not what it is about.
          "take",
          "took",
          "taken",
          "place",
          "happen",
          "happened",
          "happens",
          "called",
          "call",
          "named",
          "known",
          "kind",
          "type",
          "located",
          "mean",
          "means",
          "refer",
          "refers");

  private final Analyzer analyzer;

  public Terms() {
    CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    stop.addAll(QUESTION_WORDS);
    this.analyzer = new EnglishAnalyzer(stop);
  }

  /** Stemmed content terms of {@code text}, in order of first appearance. */
  public Set<String> of(String text) {
    Set<String> out = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream("t", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The stem of one word, or null when it is a stop word. */
  public String stem(String word) {
    Set<String> s = of(word);
    return s.isEmpty() ? null : s.iterator().next();
  }
}
