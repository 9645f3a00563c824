package dev.askdocs.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns free text (a user's question) into a BM25 query: the analysed terms, each sought in the
 * chunk text and, at lower weight, in the document title. No query syntax is interpreted, so any
 * input is safe.
 */
final class KeywordQueries {
  /** Keeps a pasted essay from exceeding Lucene's clause limit. */
  private static final int MAX_TERMS = 256;

  static final float TITLE_BOOST = 0.5f;

  private final Analyzer analyzer;

  KeywordQueries(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** The query, or null when the text has no searchable term (only stop words, punctuation). */
  Query parse(String text) {
    Set<String> terms = terms(text);
    if (terms.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String t : terms) {
      b.add(new TermQuery(new Term(LuceneDocuments.TEXT, t)), BooleanClause.Occur.SHOULD);
      b.add(
          new BoostQuery(new TermQuery(new Term(LuceneDocuments.TITLE, t)), TITLE_BOOST),
          BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }

  /** The analysed terms of {@code text}, in order, without repeats. */
  Set<String> terms(String text) {
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
}
