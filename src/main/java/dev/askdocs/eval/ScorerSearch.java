package dev.askdocs.eval;

import dev.askdocs.answer.ScorerSetting;
import dev.askdocs.answer.SentenceParts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid search over the extractive scorer's weights (cosine, lexical coverage, answer type) and
 * the extension of the first quote to the next sentence, on recorded candidate sentences: each
 * setting's abstention threshold is the lowest that abstains on at least {@link #HELD_OUT_GOAL} of
 * the held-out questions, and settings are ranked by the answers and first quotes containing gold
 * there. Replays the answerer's choice (best eligible sentence, a second one within {@link
 * #SECOND_RATIO} of it) without the model, so the whole grid costs what one run of the questions
 * did.
 */
final class ScorerSearch {
  static final double HELD_OUT_GOAL = 0.85;
  static final double SECOND_RATIO = 0.92;

  /** Extension ratios tried; above 1 means never extend. */
  private static final double[] EXTEND = {9, 0.95, 0.9, 0.85, 0.8, 0.7, 0};

  private ScorerSearch() {}

  /** One question's candidates and which of them contain a gold answer, alone or extended. */
  record Item(boolean answerable, List<SentenceParts> parts, boolean[] gold, boolean[] goldExt) {}

  /** One question's replayed outcome under a setting. */
  private record Replay(boolean gated, double best, boolean text, boolean quote) {}

  static Item item(boolean answerable, List<SentenceParts> parts, List<String> answers) {
    boolean[] gold = new boolean[parts.size()];
    boolean[] ext = new boolean[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      SentenceParts p = parts.get(i);
      gold[i] = SquadText.containsAny(p.text(), answers);
      ext[i] = gold[i] || SquadText.containsAny(p.text() + " " + p.next(), answers);
    }
    return new Item(answerable, parts, gold, ext);
  }

  /**
   * The best settings first (at most {@code rows}), then for reference the answerer's current
   * setting and, last, the untuned one, each at its own threshold.
   */
  static List<Map<String, Object>> run(List<Item> items, int rows) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (int c = 35; c <= 80; c += 5) {
      for (int l = 10; l <= 50; l += 5) {
        int t = 100 - c - l;
        if (t < 0 || t > 30) {
          continue;
        }
        for (double e : EXTEND) {
          all.add(evaluate(items, c / 100.0, l / 100.0, t / 100.0, e));
        }
      }
    }
    all.sort(
        Comparator.comparingDouble((Map<String, Object> m) -> (double) m.get("objective"))
            .reversed());
    List<Map<String, Object>> out = new ArrayList<>(all.subList(0, Math.min(rows, all.size())));
    out.add(evaluate(items, ScorerSetting.DEFAULT));
    out.add(evaluate(items, ScorerSetting.UNTUNED));
    return out;
  }

  static Map<String, Object> evaluate(List<Item> items, ScorerSetting s) {
    return evaluate(items, s.cosine(), s.lexical(), s.type(), s.extendRatio());
  }

  static Map<String, Object> evaluate(
      List<Item> items, double wc, double wl, double wt, double extend) {
    List<Replay> replays = new ArrayList<>(items.size());
    for (Item it : items) {
      replays.add(replay(it, wc, wl, wt, extend));
    }
    Map<String, Object> best = null;
    for (int t = 20; t <= 90; t++) {
      double threshold = t / 100.0;
      int answerable = 0;
      int heldOut = 0;
      int absA = 0;
      int absH = 0;
      int text = 0;
      int quote = 0;
      for (int i = 0; i < items.size(); i++) {
        Replay r = replays.get(i);
        boolean abstains = r.gated() || r.best() < threshold;
        if (items.get(i).answerable()) {
          answerable++;
          absA += abstains ? 1 : 0;
          text += !abstains && r.text() ? 1 : 0;
          quote += !abstains && r.quote() ? 1 : 0;
        } else {
          heldOut++;
          absH += abstains ? 1 : 0;
        }
      }
      double heldOutRate = heldOut == 0 ? 1 : (double) absH / heldOut;
      if (heldOutRate >= HELD_OUT_GOAL || t == 90) {
        best = new LinkedHashMap<>();
        best.put("cosine", wc);
        best.put("lexical", wl);
        best.put("type", wt);
        best.put("extendAt", extend > 1 ? "never" : String.valueOf(extend));
        best.put("threshold", threshold);
        double textRate = share(text, answerable);
        double quoteRate = share(quote, answerable);
        best.put("answerContainsGold", textRate);
        best.put("firstCitationContainsGold", quoteRate);
        best.put("abstainedOnAnswerable", share(absA, answerable));
        best.put("abstainedOnHeldOut", BeirEvaluation.round(heldOutRate));
        best.put("objective", BeirEvaluation.round(textRate + quoteRate));
        break;
      }
    }
    return best;
  }

  private static Replay replay(Item it, double wc, double wl, double wt, double extend) {
    List<SentenceParts> parts = it.parts();
    double[] score = new double[parts.size()];
    int first = -1;
    for (int i = 0; i < parts.size(); i++) {
      SentenceParts p = parts.get(i);
      score[i] = wc * p.cosine() + wl * p.lexical() + wt * p.type();
      if (p.eligible() && (first < 0 || score[i] > score[first])) {
        first = i;
      }
    }
    if (first < 0) {
      return new Replay(true, 0, false, false);
    }
    int second = -1;
    for (int i = 0; i < parts.size(); i++) {
      if (i != first
          && parts.get(i).eligible()
          && score[i] >= score[first] * SECOND_RATIO
          && (second < 0 || score[i] > score[second])) {
        second = i;
      }
    }
    int next = parts.get(first).nextIndex();
    boolean extended = next >= 0 && score[next] >= score[first] * extend;
    boolean quote = extended ? it.goldExt()[first] : it.gold()[first];
    boolean text = quote || (second >= 0 && it.gold()[second]);
    return new Replay(false, score[first], text, quote);
  }

  private static double share(int part, int whole) {
    return whole == 0 ? 0 : BeirEvaluation.round((double) part / whole);
  }
}
