package dev.askdocs.index.lucene;

import dev.askdocs.index.ChunkFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns free text (a user's question) into a BM25 query: the analysed terms, each sought in the
 * chunk text and, at lower weight, in the document title. No query syntax is interpreted, so any
 * input is safe. The Solr backend uses the same analysis for its query terms. Thread-safe: the
 * analyser reuses its components per thread.
 */
public final class KeywordQueries {
  /** Keeps a pasted essay from exceeding Lucene's clause limit. */
  private static final int MAX_TERMS = 256;

  /** The weight of a match in the document title, relative to one in the chunk text. */
  public static final float TITLE_BOOST = 0.5f;

  private final Analyzer analyzer;

  public KeywordQueries(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * The query for analysed {@code terms} (see {@link #terms}), matching only chunks that pass
   * {@code filter}; or null when there is no term (the text had only stop words, punctuation).
   *
   * @param textStates statistics of chunk-text terms already looked up on the searcher that will
   *     run the query, so that it does not look them up again; may lack any term
   */
  Query parse(Set<String> terms, Map<String, TermStates> textStates, ChunkFilter filter) {
    if (terms.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String t : terms) {
      Term text = new Term(LuceneDocuments.TEXT, t);
      TermStates states = textStates.get(t);
      b.add(
          states == null ? new TermQuery(text) : new TermQuery(text, states),
          BooleanClause.Occur.SHOULD);
      b.add(
          new BoostQuery(new TermQuery(new Term(LuceneDocuments.TITLE, t)), TITLE_BOOST),
          BooleanClause.Occur.SHOULD);
    }
    Query q = b.build();
    Query only = LuceneDocuments.filterQuery(filter);
    if (only != null) {
      q =
          new BooleanQuery.Builder()
              .add(q, BooleanClause.Occur.MUST)
              .add(only, BooleanClause.Occur.FILTER)
              .build();
    }
    return q;
  }

  /** The analysed terms of {@code text}, in order, without repeats. */
  public Set<String> terms(String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(LuceneDocuments.TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && terms.size() < MAX_TERMS) {
        terms.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  /**
   * A regular expression (Lucene's syntax, Solr's too) matching text that contains {@code part},
   * ASCII letters in either case, every other character taken literally.
   */
  public static String containsRegex(String part) {
    StringBuilder re = new StringBuilder(".*");
    part.codePoints()
        .forEach(
            c -> {
              int lower = Character.toLowerCase(c);
              int upper = Character.toUpperCase(c);
              if (c < 128 && lower != upper) {
                re.append('[').appendCodePoint(lower).appendCodePoint(upper).append(']');
              } else if (Character.isLetterOrDigit(c)) {
                re.appendCodePoint(c);
              } else {
                re.append('\\').appendCodePoint(c);
              }
            });
    return re.append(".*").toString();
  }
}
