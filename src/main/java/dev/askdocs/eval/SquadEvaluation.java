package dev.askdocs.eval;

import dev.askdocs.answer.Answer;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.retrieve.RetrievalMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * SQuAD as passage retrieval (every paragraph a document) and as question answering by the
 * production answerer. Articles are split, seeded, into a development half (for tuning) and a test
 * half; a share of the chosen half's articles is removed from the index, and their questions are
 * the unanswerable ones: the honest answer there is an abstention.
 */
final class SquadEvaluation {
  private SquadEvaluation() {}

  /** One question's outcome with abstention by threshold switched off. */
  record Outcome(
      boolean answerable,
      boolean gated,
      double confidence,
      boolean textHasGold,
      boolean quoteHasGold) {
    boolean abstainsAt(double threshold) {
      return gated || confidence < threshold;
    }
  }

  static Map<String, Object> run(Path dataset, EvalOptions o, Deployment.Opener deployments)
      throws IOException {
    SquadDataset data = SquadDataset.load(dataset);
    List<SquadDataset.Article> split = SquadSplits.articles(data, o.split());
    List<SquadDataset.Article> shuffled = new ArrayList<>(split);
    Collections.shuffle(shuffled, new Random(o.seed() + 1));
    Set<Integer> holdout = new HashSet<>();
    for (SquadDataset.Article a :
        shuffled.subList(0, (int) Math.round(o.holdoutFraction() * split.size()))) {
      holdout.add(a.index());
    }
    EvalCorpus corpus = new EvalCorpus(o.workDir().resolve("corpus"));
    List<SquadDataset.Qa> answerable = new ArrayList<>();
    List<SquadDataset.Qa> unanswerable = new ArrayList<>();
    Map<String, String> goldParagraph = new LinkedHashMap<>();
    Set<Integer> splitIds = new HashSet<>();
    split.forEach(a -> splitIds.add(a.index()));
    for (SquadDataset.Article a : data.articles()) {
      for (SquadDataset.Paragraph p : a.paragraphs()) {
        if (!holdout.contains(a.index())) {
          corpus.add(p.id(), a.title(), p.context());
        }
        if (splitIds.contains(a.index())) {
          for (SquadDataset.Qa qa : p.questions()) {
            (holdout.contains(a.index()) ? unanswerable : answerable).add(qa);
            goldParagraph.put(qa.id(), p.id());
          }
        }
      }
    }
    Random random = new Random(o.seed());
    Collections.shuffle(answerable, random);
    Collections.shuffle(unanswerable, random);
    answerable = limit(answerable, o.limit());
    unanswerable = limit(unanswerable, o.limit());

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("dataset", dataset.toString());
    report.put("split", o.split());
    report.put("articles", split.size());
    report.put("heldOutArticles", holdout.size());
    report.put("paragraphsIndexed", corpus.size());
    report.put("answerableQuestions", answerable.size());
    report.put("heldOutQuestions", unanswerable.size());
    try (Deployment app = deployments.open(o.deployment(corpus.dir(), true))) {
      IngestReport ingest = app.ingest(corpus.dir());
      report.put("chunks", ingest.chunksEmbedded());
      report.put("ingestSeconds", ingest.durationMs() / 1000.0);
      Map<String, Object> retrieval = new LinkedHashMap<>();
      for (String mode : o.modes()) {
        if (!mode.equals("peer")) {
          retrieval.put(
              mode, retrieval(app, corpus, answerable, goldParagraph, RetrievalMode.parse(mode)));
        }
      }
      report.put("retrieval", retrieval);
      if (o.answers()) {
        List<Outcome> outcomes = new ArrayList<>();
        List<ScorerSearch.Item> search = new ArrayList<>();
        long t0 = System.nanoTime();
        for (SquadDataset.Qa qa : answerable) {
          outcomes.add(outcome(app, qa, true, o.config().topK()));
          search.add(searchItem(app, qa, true, o.config().topK()));
        }
        for (SquadDataset.Qa qa : unanswerable) {
          outcomes.add(outcome(app, qa, false, o.config().topK()));
          search.add(searchItem(app, qa, false, o.config().topK()));
        }
        double ms = (System.nanoTime() - t0) / 1e6 / Math.max(1, outcomes.size());
        Map<String, Object> answers = answers(outcomes, o.config().abstainThreshold());
        answers.put("msPerQuestion", BeirEvaluation.round(ms));
        report.put("answers", answers);
        report.put("thresholdCurve", curve(outcomes));
        report.put("scorerSearch", ScorerSearch.run(search, 15));
      }
    }
    return report;
  }

  private static <T> List<T> limit(List<T> list, int limit) {
    return limit > 0 && limit < list.size() ? list.subList(0, limit) : list;
  }

  private static Map<String, Object> retrieval(
      Deployment app,
      EvalCorpus corpus,
      List<SquadDataset.Qa> questions,
      Map<String, String> gold,
      RetrievalMode mode) {
    double r1 = 0;
    double r5 = 0;
    double mrr = 0;
    // Recall@1 by question length, in the buckets of BEIR's nDCG by query length.
    Map<String, double[]> byLength = new TreeMap<>();
    for (SquadDataset.Qa qa : questions) {
      List<String> ranked = Rankings.documents(app.retriever(), corpus, qa.question(), mode, 10);
      Map<String, Integer> rel = Map.of(gold.get(qa.id()), 1);
      double hit = Metrics.recall(ranked, rel, 1);
      double[] bucket =
          byLength.computeIfAbsent(BeirEvaluation.lengthBucket(qa.question()), b -> new double[2]);
      bucket[0]++;
      bucket[1] += hit;
      r1 += hit;
      r5 += Metrics.recall(ranked, rel, 5);
      mrr += Metrics.mrr(ranked, rel, 10);
    }
    int n = Math.max(1, questions.size());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recall@1", BeirEvaluation.round(r1 / n));
    m.put("recall@5", BeirEvaluation.round(r5 / n));
    m.put("mrr@10", BeirEvaluation.round(mrr / n));
    Map<String, Object> lengths = new LinkedHashMap<>();
    byLength.forEach(
        (b, c) ->
            lengths.put(
                b, Map.of("questions", (int) c[0], "recall@1", BeirEvaluation.round(c[1] / c[0]))));
    m.put("recall@1ByQuestionWords", lengths);
    return m;
  }

  private static Outcome outcome(Deployment app, SquadDataset.Qa qa, boolean answerable, int topK) {
    Answer a = app.answerer().ask(qa.question(), topK).answer();
    boolean text = !a.abstained() && SquadText.containsAny(a.text(), qa.answers());
    boolean quote =
        !a.abstained()
            && !a.citations().isEmpty()
            && SquadText.containsAny(a.citations().get(0).quote(), qa.answers());
    return new Outcome(answerable, a.abstained(), a.confidence(), text, quote);
  }

  private static ScorerSearch.Item searchItem(
      Deployment app, SquadDataset.Qa qa, boolean answerable, int topK) {
    var retrieval = app.retriever().retrieve(qa.question(), topK);
    return ScorerSearch.item(
        answerable, app.extractiveAnswerer().explain(qa.question(), retrieval), qa.answers());
  }

  static Map<String, Object> answers(List<Outcome> outcomes, double threshold) {
    int answerable = 0;
    int text = 0;
    int quote = 0;
    int abstainedAnswerable = 0;
    int heldOut = 0;
    int abstainedHeldOut = 0;
    for (Outcome o : outcomes) {
      boolean abstains = o.abstainsAt(threshold);
      if (o.answerable()) {
        answerable++;
        abstainedAnswerable += abstains ? 1 : 0;
        text += !abstains && o.textHasGold() ? 1 : 0;
        quote += !abstains && o.quoteHasGold() ? 1 : 0;
      } else {
        heldOut++;
        abstainedHeldOut += abstains ? 1 : 0;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold", threshold);
    m.put("answerContainsGold", share(text, answerable));
    m.put("firstCitationContainsGold", share(quote, answerable));
    m.put("abstainedOnAnswerable", share(abstainedAnswerable, answerable));
    m.put("abstainedOnHeldOut", share(abstainedHeldOut, heldOut));
    return m;
  }

  private static List<Map<String, Object>> curve(List<Outcome> outcomes) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 20; i <= 80; i += 2) {
      rows.add(answers(outcomes, i / 100.0));
    }
    return rows;
  }

  private static double share(int part, int whole) {
    return whole == 0 ? 0 : BeirEvaluation.round((double) part / whole);
  }
}
