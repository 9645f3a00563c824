package dev.askdocs.answer;

import dev.askdocs.retrieve.ScoredChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the chosen sentences into an answer: quotes with exact offsets and citations, the first
 * quote run on into the next sentence of its passage, or an abstention with the closest passages.
 */
final class Quotes {
  /** A second sentence joins the answer only when it is nearly as good as the first. */
  private static final double SECOND_SENTENCE_RATIO = 0.92;

  private static final int MAX_ANSWER_SENTENCES = 2;
  private static final int SEE_ALSO = 3;
  private static final int SEE_ALSO_CHARS = 280;

  private Quotes() {}

  static Answer compose(List<Candidate> ranked, List<Candidate> all) {
    Candidate best = ranked.get(0);
    Candidate next = following(best, all);
    boolean extend = next != null && next.score() >= best.score() * ExtractiveAnswerer.EXTEND_RATIO;
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

  static Answer abstain(List<ScoredChunk> passages, double confidence) {
    return new Answer(
        ExtractiveAnswerer.ABSTENTION, true, List.of(), seeAlso(passages), round(confidence));
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
}
