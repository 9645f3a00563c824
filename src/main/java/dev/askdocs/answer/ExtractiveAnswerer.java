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
 * names but the passage doesn't). When the best passage is part of a table, the row that answers is
 * chosen over the whole table instead ({@link TableAnswer}). It invents nothing: every word of a
 * non-abstaining answer is quoted from a document.
 */
public final class ExtractiveAnswerer implements Answerer {
  /** Said when the documents don't answer. */
  public static final String ABSTENTION = "The documents don't contain an answer to this question.";

  private static final int MAX_CANDIDATE_SENTENCES = 24;

  /**
   * The first quote runs on into the next sentence of its passage (the rest of a list, the next
   * table row) when that sentence scores at least this share of the best; above 1: never. Chosen on
   * SQuAD's development articles (docs/EVALUATION.md).
   */
  static final double EXTEND_RATIO = 0;

  private final SentenceSplitter splitter = new SentenceSplitter();
  private final Terms terms = new Terms();
  private final SentenceScorer scorer;
  private final TableAnswer tables = new TableAnswer(terms, splitter);
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
      return Quotes.abstain(passages, 0);
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
    Candidate row = tables.row(q, all, passages);
    if (row != null) {
      return row.score() < threshold
          ? Quotes.abstain(passages, row.score())
          : Quotes.compose(List.of(row), all);
    }
    eligible.sort(Comparator.comparingDouble(Candidate::score).reversed());
    if (eligible.isEmpty() || eligible.get(0).score() < threshold) {
      return Quotes.abstain(passages, eligible.isEmpty() ? bestSeen : eligible.get(0).score());
    }
    return Quotes.compose(eligible, all);
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

  private static boolean isEligible(Question q, Candidate c) {
    boolean needsType = q.type() == AnswerType.NUMBER || q.type() == AnswerType.DATE;
    if (needsType && !c.scored().typeMatches()) {
      return false;
    }
    // A number the question names (a year, a count) must appear near the quote.
    return Numbers.digits(c.passage().chunk().text()).containsAll(q.numbers());
  }
}
