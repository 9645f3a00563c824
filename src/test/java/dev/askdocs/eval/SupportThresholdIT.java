package dev.askdocs.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.Prerequisites;
import dev.askdocs.TestCorpus;
import dev.askdocs.answer.SupportCheck;
import dev.askdocs.config.EmbeddingModelName;
import dev.askdocs.embed.CachingEmbedder;
import dev.askdocs.embed.MiniLmEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Measures the citation support check on labelled claims and shows how its weight and threshold
 * were chosen: chosen on claims built from SQuAD's development articles, reported on its test
 * articles and on hand-written claims about the seed article. Writes target/support-threshold.md;
 * fails if the defaults in {@link SupportCheck} stop doing about as well as the best choice.
 *
 * <p>SQuAD claims: for a question and its gold answer, a declarative claim (see {@link #claim}),
 * judged against the question's own paragraph (supported), the same claim with the answer of
 * another question of the article that its paragraph doesn't contain (unsupported: a changed fact),
 * and the true claim against another paragraph of the article without the answer (unsupported: the
 * wrong source).
 */
class SupportThresholdIT {
  static final Path SQUAD = Path.of("..", "shared", "eval-data", "squad-v1.1-dev");

  /** SQuAD questions per split: 60 in the build; docs/EVALUATION.md reports a run with 150. */
  static final int QUESTIONS_PER_SPLIT = Integer.getInteger("askdocs.support.questions", 60);

  static final double[] WEIGHTS = {0.0, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0};

  /** A claim, its passage, its label, and the kind of example. */
  record Example(String claim, String passage, boolean supported, String kind) {}

  /** A measured example. */
  record Measured(Example example, SupportCheck.Support support) {}

  /** How one rule does on a set. */
  record Score(double balanced, double supportedKept, double unsupportedCaught) {}

  @Test
  void defaults_separate_supported_from_unsupported_claims() throws Exception {
    Prerequisites.require(Files.isDirectory(SQUAD), "SQuAD not found at " + SQUAD.toAbsolutePath());
    SquadDataset squad = SquadDataset.load(SQUAD);
    // The default model (int8): the check runs with it in production.
    try (MiniLmEmbedder model = MiniLmEmbedder.load(EmbeddingModelName.ALL_MINILM_L6_V2_Q)) {
      SupportCheck check = new SupportCheck(new CachingEmbedder(model, 20_000));
      List<Measured> dev = measure(check, squadExamples(squad, "dev"));
      List<Measured> test = measure(check, squadExamples(squad, "test"));
      List<Measured> seed = measure(check, seedExamples());

      StringBuilder report = new StringBuilder("# Support check: weight and threshold\n\n");
      report.append(
          String.format(
              Locale.ROOT,
              "SQuAD dev claims: %d (%d supported); test claims: %d; seed claims: %d.%n%n",
              dev.size(),
              dev.stream().filter(m -> m.example().supported()).count(),
              test.size(),
              seed.size()));
      report.append(
          "| lexical weight | names gate | best threshold (dev) | dev balanced acc. |"
              + " test balanced acc. | test supported kept | test unsupported caught |"
              + " seed balanced acc. |\n|---|---|---|---|---|---|---|---|\n");
      double bestDev = 0;
      double bestW = 0;
      double bestT = 0;
      for (boolean names : new boolean[] {false, true}) {
        for (double w : WEIGHTS) {
          double t = bestThreshold(dev, w, names);
          Score d = score(dev, w, t, names);
          Score te = score(test, w, t, names);
          Score s = score(seed, w, t, names);
          report.append(
              String.format(
                  Locale.ROOT,
                  "| %.2f | %s | %.2f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                  w,
                  names ? "yes" : "no",
                  t,
                  d.balanced(),
                  te.balanced(),
                  te.supportedKept(),
                  te.unsupportedCaught(),
                  s.balanced()));
          // The names gate is reported, not chosen: it drops real paraphrases (docs/EVALUATION.md).
          if (!names && d.balanced() > bestDev + 1e-9) {
            bestDev = d.balanced();
            bestW = w;
            bestT = t;
          }
        }
      }
      double w = SupportCheck.DEFAULT_LEXICAL_WEIGHT;
      double t = SupportCheck.DEFAULT_THRESHOLD;
      Score d = score(dev, w, t, false);
      Score te = score(test, w, t, false);
      Score s = score(seed, w, t, false);
      report.append(
          String.format(
              Locale.ROOT,
              "%nBest on dev without the names gate: weight %.2f, threshold %.2f (dev %.3f).%n",
              bestW,
              bestT,
              bestDev));
      report.append(
          String.format(
              Locale.ROOT,
              "Defaults (weight %.2f, threshold %.2f, numbers gate only): dev %.3f; test %.3f"
                  + " (supported kept %.3f, unsupported caught %.3f); seed %.3f (supported kept"
                  + " %.3f, unsupported caught %.3f).%n",
              w,
              t,
              d.balanced(),
              te.balanced(),
              te.supportedKept(),
              te.unsupportedCaught(),
              s.balanced(),
              s.supportedKept(),
              s.unsupportedCaught()));
      report.append("\nBy kind of example, defaults, test split:\n\n");
      for (String kind : List.of("paraphrase", "changed-answer", "other-paragraph")) {
        List<Measured> of = test.stream().filter(m -> m.example().kind().equals(kind)).toList();
        long right =
            of.stream().filter(m -> decide(m, w, t, false) == m.example().supported()).count();
        report.append(String.format(Locale.ROOT, "- %s: %d of %d right%n", kind, right, of.size()));
      }
      report.append("\nSeed claims the defaults get wrong:\n\n");
      for (Measured m : seed) {
        if (decide(m, w, t, false) != m.example().supported()) {
          report.append(
              String.format(
                  Locale.ROOT,
                  "- %s (labelled %s; score %.3f, lexical %.2f, cosine %.2f, numbers %s)%n",
                  m.example().claim(),
                  m.example().supported() ? "supported" : "unsupported",
                  w * m.support().lexical() + (1 - w) * m.support().cosine(),
                  m.support().lexical(),
                  m.support().cosine(),
                  m.support().numbersFound() ? "found" : "missing"));
        }
      }
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "support-threshold.md"), report);
      System.out.println(report);

      assertThat(d.balanced()).isGreaterThanOrEqualTo(bestDev - 0.03);
      assertThat(te.balanced()).isGreaterThan(0.75);
      assertThat(s.balanced()).isGreaterThan(0.8);
    }
  }

  static boolean decide(Measured m, double w, double t, boolean names) {
    SupportCheck.Support s = m.support();
    double score = w * s.lexical() + (1 - w) * s.cosine();
    return s.numbersFound() && (!names || s.missingNames() == 0) && score >= t;
  }

  static Score score(List<Measured> set, double w, double t, boolean names) {
    int pos = 0;
    int neg = 0;
    int tp = 0;
    int tn = 0;
    for (Measured m : set) {
      boolean said = decide(m, w, t, names);
      if (m.example().supported()) {
        pos++;
        tp += said ? 1 : 0;
      } else {
        neg++;
        tn += said ? 0 : 1;
      }
    }
    double kept = pos == 0 ? 0 : (double) tp / pos;
    double caught = neg == 0 ? 0 : (double) tn / neg;
    return new Score((kept + caught) / 2, kept, caught);
  }

  /** The threshold, in steps of 0.01, with the best balanced accuracy on {@code set}. */
  static double bestThreshold(List<Measured> set, double w, boolean names) {
    double best = 0;
    double bestT = 0.5;
    for (int i = 20; i <= 95; i++) {
      double t = i / 100.0;
      double b = score(set, w, t, names).balanced();
      if (b > best + 1e-9) {
        best = b;
        bestT = t;
      }
    }
    return bestT;
  }

  static List<Measured> measure(SupportCheck check, List<Example> examples) {
    List<Measured> out = new ArrayList<>();
    for (Example e : examples) {
      out.add(new Measured(e, check.measure(e.claim(), e.passage())));
    }
    return out;
  }

  static List<Example> seedExamples() throws Exception {
    String article = Files.readString(Path.of("corpus", TestCorpus.SEED));
    List<String> paragraphs = List.of(article.split("\n\n"));
    List<Example> out = new ArrayList<>();
    for (String line : TestCorpus.lines("/claims/seed-claims.tsv")) {
      String[] f = line.split("\t");
      String paragraph =
          paragraphs.stream()
              .filter(p -> p.replace('\u00a0', ' ').contains(f[1]))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no paragraph holds " + f[1]));
      out.add(new Example(f[2], paragraph.strip(), f[0].equals("supported"), "seed"));
    }
    return out;
  }

  static List<Example> squadExamples(SquadDataset squad, String split) {
    List<SquadDataset.Article> articles = SquadSplits.articles(squad, split);
    List<Example> out = new ArrayList<>();
    List<int[]> picks = new ArrayList<>();
    for (int a = 0; a < articles.size(); a++) {
      var paragraphs = articles.get(a).paragraphs();
      for (int p = 0; p < paragraphs.size(); p++) {
        for (int q = 0; q < paragraphs.get(p).questions().size(); q++) {
          picks.add(new int[] {a, p, q});
        }
      }
    }
    Collections.shuffle(picks, new Random(5));
    Random random = new Random(55);
    for (int[] pick : picks.subList(0, QUESTIONS_PER_SPLIT)) {
      var article = articles.get(pick[0]);
      var paragraph = article.paragraphs().get(pick[1]);
      var qa = paragraph.questions().get(pick[2]);
      String gold = qa.answers().get(0);
      String context = paragraph.context();
      out.add(new Example(claim(qa.question(), gold), context, true, "paraphrase"));
      List<String> others = new ArrayList<>();
      for (var p : article.paragraphs()) {
        for (var other : p.questions()) {
          String answer = other.answers().get(0);
          if (!contains(context, answer) && answer.length() > 1) {
            others.add(answer);
          }
        }
      }
      if (!others.isEmpty()) {
        String wrong = others.get(random.nextInt(others.size()));
        out.add(new Example(claim(qa.question(), wrong), context, false, "changed-answer"));
      }
      List<String> elsewhere =
          article.paragraphs().stream()
              .map(SquadDataset.Paragraph::context)
              .filter(c -> !c.equals(context) && !contains(c, gold))
              .toList();
      if (!elsewhere.isEmpty()) {
        String other = elsewhere.get(random.nextInt(elsewhere.size()));
        out.add(new Example(claim(qa.question(), gold), other, false, "other-paragraph"));
      }
    }
    return out;
  }

  private static boolean contains(String text, String answer) {
    return text.toLowerCase(Locale.ROOT).contains(answer.toLowerCase(Locale.ROOT));
  }

  /**
   * A statement from a question and an answer, as a model might write it: "Who founded X?" and
   * "Ann" give "Ann founded X."; "What is the capital of France?" and "Paris" give "The capital of
   * France is Paris."; "When did X happen?" gives "X happen in 1990."; others "Question: answer."
   */
  static String claim(String question, String answer) {
    String q = question.strip().replaceAll("[?.\\s]+$", "");
    String lower = q.toLowerCase(Locale.ROOT);
    var be =
        java.util.regex.Pattern.compile("(?i)^(?:what|who|which) (is|was|are|were) (.+)$")
            .matcher(q);
    if (be.matches()) {
      return capitalise(be.group(2)) + " " + be.group(1) + " " + answer + ".";
    }
    var who = java.util.regex.Pattern.compile("(?i)^who (.+)$").matcher(q);
    if (who.matches()) {
      return capitalise(answer) + " " + who.group(1) + ".";
    }
    var when = java.util.regex.Pattern.compile("(?i)^when (?:did|does|do) (.+)$").matcher(q);
    if (when.matches()) {
      return capitalise(when.group(1)) + " in " + answer + ".";
    }
    var many = java.util.regex.Pattern.compile("(?i)^how (many|much) (.+)$").matcher(q);
    if (many.matches() && !lower.contains(" did ")) {
      return capitalise(answer) + " " + many.group(2) + ".";
    }
    return q + ": " + answer + ".";
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
