package dev.askdocs.answer;

import dev.askdocs.chunk.SentenceSplitter;
import dev.askdocs.chunk.Span;
import dev.askdocs.retrieve.ScoredChunk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The extractive answer's table step: gathers the rows of the best passage's table among the
 * candidates and the rest of the passages, and has {@link TableLookup} choose one.
 */
final class TableAnswer {
  private final TableLookup lookup;
  private final SentenceSplitter splitter;

  TableAnswer(Terms terms, SentenceSplitter splitter) {
    this.lookup = new TableLookup(terms);
    this.splitter = splitter;
  }

  /**
   * When the best passage is part of a table, the row of that table that answers the question
   * (scored by {@link TableLookup}), else null.
   */
  Candidate row(Question q, List<Candidate> all, List<ScoredChunk> passages) {
    ScoredChunk top = passages.get(0);
    if (!TableLookup.isTable(top.chunk())) {
      return null;
    }
    List<Candidate> rows = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (Candidate c : all) {
      if (c.passage().chunk().documentId().equals(top.chunk().documentId())
          && TableLookup.isRow(c.text())
          && seen.add(c.start())) {
        rows.add(c);
      }
    }
    // The rest of the table (QuestionAnswerer adds it), unscored: retrieval ranked it lower.
    SentenceScorer.Scored unscored = new SentenceScorer.Scored(0, 0, 0, false);
    for (ScoredChunk p : passages) {
      if (p.chunk().documentId().equals(top.chunk().documentId())) {
        for (Span s : splitter.split(p.chunk().text())) {
          int start = p.chunk().start() + s.start();
          if (TableLookup.isRow(s.of(p.chunk().text())) && seen.add(start)) {
            rows.add(
                new Candidate(
                    p, s.of(p.chunk().text()), "", start, p.chunk().start() + s.end(), unscored));
          }
        }
      }
    }
    TableLookup.Choice choice =
        lookup.choose(
            q,
            rows.stream().map(c -> new TableLookup.Row(c.text(), c.start(), c.score())).toList());
    if (choice == null) {
      return null;
    }
    Candidate c = rows.get(choice.index());
    SentenceScorer.Scored s = c.scored();
    return c.withScore(
        new SentenceScorer.Scored(choice.confidence(), s.cosine(), s.lexical(), s.typeMatches()));
  }
}
