package dev.askdocs.answer;

import dev.askdocs.chunk.SentenceSplitter;
import dev.askdocs.chunk.Span;
import dev.askdocs.embed.Embedder;
import dev.askdocs.retrieve.Retrieval;
import dev.askdocs.retrieve.ScoredChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default, offline answerer: it quotes the sentences of the retrieved passages that best answer
 * the question, each with its citation, and abstains when the best sentence scores below the
 * threshold or lacks what the question asks for (no number for "how many", a year the question
 * names but the passage doesn't). It invents nothing: every word of a non-abstaining answer is
 * quoted from a document.
 */
public final class ExtractiveAnswerer implements Answerer {
  /** Said when the documents don't answer. */
  public static final String ABSTENTION = "The documents don't contain an answer to this question.";

  private static final int MAX_CANDIDATE_SENTENCES = 24;
  private static final int MAX_ANSWER_SENTENCES = 2;

  /** A second sentence joins the answer only when it is nearly as good as the first. */
  private static final double SECOND_SENTENCE_RATIO = 0.92;

  /**
   * The first quote runs on into the next sentence of its passage (the rest of a list, the next
   * table row) when that sentence scores at least this share of the best; above 1: never. Chosen on
   * SQuAD's development articles (docs/EVALUATION.md).
   */
  static final double EXTEND_RATIO = 0;

  private static final int SEE_ALSO = 3;
  private static final int SEE_ALSO_CHARS = 280;

  private final SentenceSplitter splitter = new SentenceSplitter();
  private final Terms terms = new Terms();
  private final SentenceScorer scorer;
  private final TableLookup tables = new TableLookup(terms);
  private final double threshold;

  public ExtractiveAnswerer(Embedder embedder, double threshold) {
    this.scorer = new SentenceScorer(terms, embedder);
    this.threshold = threshold;
  }

  @Override
  public boolean readsWholeTables() {
    return true;
  }

  @Override
  public Answer answer(String question, Retrieval retrieval) {
    List<ScoredChunk> passages = retrieval.passages();
    if (passages.isEmpty()) {
      return abstain(passages, 0);
    }
    Question q = Question.from(question, terms, retrieval.termRarity());
    List<Candidate> candidates = candidates(passages);
    List<SentenceScorer.Scored> scores =
        scorer.score(
            q,
            retrieval.queryVector(),
            candidates.stream().map(Candidate::text).toList(),
            candidates.stream().map(Candidate::context).toList());
    List<Candidate> eligible = new ArrayList<>();
    List<Candidate> all = new ArrayList<>();
    double bestSeen = 0;
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i).withScore(scores.get(i));
      all.add(c);
      bestSeen = Math.max(bestSeen, c.score());
      if (isEligible(q, c)) {
        eligible.add(c);
      }
    }
    Candidate row = tableRow(q, all, passages);
    if (row != null) {
      return row.score() < threshold ? abstain(passages, row.score()) : compose(List.of(row), all);
    }
    eligible.sort(Comparator.comparingDouble(Candidate::score).reversed());
    if (eligible.isEmpty() || eligible.get(0).score() < threshold) {
      return abstain(passages, eligible.isEmpty() ? bestSeen : eligible.get(0).score());
    }
    return compose(eligible, all);
  }

  /**
   * Scores sentences for a question exactly as the answerer ranks them, for evaluation: each
   * sentence's context is the one before it in the list.
   *
   * @param termRarity inverse document frequency of the question's analysed terms, as in {@link
   *     Retrieval#termRarity()}
   */
  public List<Double> scoreSentences(
      String question,
      float[] questionVector,
      List<String> sentences,
      Map<String, Double> termRarity) {
    Question q = Question.from(question, terms, termRarity);
    List<String> contexts = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      contexts.add(i == 0 ? "" : sentences.get(i - 1));
    }
    return scorer.score(q, questionVector, sentences, contexts).stream()
        .map(SentenceScorer.Scored::score)
        .toList();
  }

  /** The candidate sentences for a question and the parts of their scores, for tuning. */
  public List<SentenceParts> explain(String question, Retrieval retrieval) {
    Question q = Question.from(question, terms, retrieval.termRarity());
    List<Candidate> candidates = candidates(retrieval.passages());
    List<SentenceScorer.Scored> scores =
        scorer.score(
            q,
            retrieval.queryVector(),
            candidates.stream().map(Candidate::text).toList(),
            candidates.stream().map(Candidate::context).toList());
    List<SentenceParts> out = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i).withScore(scores.get(i));
      boolean follows = i + 1 < candidates.size() && candidates.get(i + 1).passage() == c.passage();
      String next = follows ? candidates.get(i + 1).text() : "";
      SentenceScorer.Scored sc = c.scored();
      double type = q.type() == AnswerType.OTHER ? 0.5 : sc.typeMatches() ? 1.0 : 0.0;
      out.add(
          new SentenceParts(
              c.text(),
              next,
              follows ? i + 1 : -1,
              sc.cosine(),
              sc.lexical(),
              type,
              isEligible(q, c)));
    }
    return out;
  }

  private List<Candidate> candidates(List<ScoredChunk> passages) {
    List<Candidate> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ScoredChunk p : passages) {
      String chunkText = p.chunk().text();
      String previous = "";
      for (Span s : splitter.split(chunkText)) {
        int start = p.chunk().start() + s.start();
        String text = s.of(chunkText);
        // Overlapping chunks repeat sentences; quote each once.
        if (seen.add(p.chunk().documentId() + ":" + start)
            && out.size() < MAX_CANDIDATE_SENTENCES) {
          out.add(new Candidate(p, text, previous, start, p.chunk().start() + s.end(), null));
        }
        previous = text;
      }
    }
    return out;
  }

  /**
   * When the best passage is part of a table, the row of that table that answers the question
   * (scored by {@link TableLookup}), else null.
   */
  private Candidate tableRow(Question q, List<Candidate> all, List<ScoredChunk> passages) {
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
        tables.choose(
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

  private static boolean isEligible(Question q, Candidate c) {
    boolean needsType = q.type() == AnswerType.NUMBER || q.type() == AnswerType.DATE;
    if (needsType && !c.scored().typeMatches()) {
      return false;
    }
    // A number the question names (a year, a count) must appear near the quote.
    return Numbers.digits(c.passage().chunk().text()).containsAll(q.numbers());
  }

  private Answer compose(List<Candidate> ranked, List<Candidate> all) {
    Candidate best = ranked.get(0);
    Candidate next = following(best, all);
    boolean extend = next != null && next.score() >= best.score() * EXTEND_RATIO;
    List<Candidate> chosen = new ArrayList<>(List.of(extend ? extended(best, next) : best));
    for (Candidate c : ranked.subList(1, ranked.size())) {
      // Relative to the best only: the text of an answer does not depend on the threshold.
      if (chosen.size() >= MAX_ANSWER_SENTENCES
          || c.score() < best.score() * SECOND_SENTENCE_RATIO) {
        break;
      }
      if (!(extend && c == next)) {
        chosen.add(c);
      }
    }
    StringBuilder text = new StringBuilder();
    List<Citation> citations = new ArrayList<>();
    for (Candidate c : chosen) {
      int n = citations.size() + 1;
      ScoredChunk p = c.passage();
      citations.add(
          new Citation(
              n,
              p.chunk().documentId(),
              p.title(),
              p.source(),
              p.chunk().id(),
              c.text(),
              c.start(),
              c.end(),
              p.chunk().page(),
              round(c.score()),
              true,
              Citation.locationOf(p.chunk().page(), p.chunk().location()),
              p.url()));
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(c.text()).append(" [").append(n).append(']');
    }
    return new Answer(text.toString(), false, citations, List.of(), round(best.score()));
  }

  /** The candidate after {@code c} in the same passage, or null. */
  private static Candidate following(Candidate c, List<Candidate> all) {
    int i = all.indexOf(c);
    if (i < 0 || i + 1 >= all.size() || all.get(i + 1).passage() != c.passage()) {
      return null;
    }
    return all.get(i + 1);
  }

  /** {@code c} running on to the end of {@code next}, quoted exactly from the passage. */
  private static Candidate extended(Candidate c, Candidate next) {
    var chunk = c.passage().chunk();
    String text = chunk.text().substring(c.start() - chunk.start(), next.end() - chunk.start());
    return new Candidate(c.passage(), text, c.context(), c.start(), next.end(), c.scored());
  }

  private static Answer abstain(List<ScoredChunk> passages, double confidence) {
    return new Answer(ABSTENTION, true, List.of(), seeAlso(passages), round(confidence));
  }

  /** The closest passages, shortened, shown next to an abstention. */
  static List<RelatedPassage> seeAlso(List<ScoredChunk> passages) {
    List<RelatedPassage> seeAlso = new ArrayList<>();
    for (ScoredChunk p : passages.subList(0, Math.min(SEE_ALSO, passages.size()))) {
      String t = p.chunk().text();
      String shown = t.length() <= SEE_ALSO_CHARS ? t : t.substring(0, SEE_ALSO_CHARS) + "…";
      seeAlso.add(
          new RelatedPassage(
              p.chunk().documentId(), p.title(), p.source(), p.chunk().id(), shown, p.score()));
    }
    return seeAlso;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private record Candidate(
      ScoredChunk passage,
      String text,
      String context,
      int start,
      int end,
      SentenceScorer.Scored scored) {
    Candidate withScore(SentenceScorer.Scored s) {
      return new Candidate(passage, text, context, start, end, s);
    }

    double score() {
      return scored.score();
    }
  }
}
