package dev.askdocs.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the answer confidence of the seed question sets with abstention by threshold switched
 * off, writes the table to {@code target/abstention-seed.md}, and checks that the default threshold
 * separates the answerable questions from the unanswerable ones.
 */
class AbstentionThresholdIT {
  @TempDir Path tmp;

  record Row(String set, String question, boolean abstainedByType, double confidence) {}

  @Test
  void default_threshold_separates_answerable_from_unanswerable_questions() throws Exception {
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, TestCorpus.withSeed(tmp.resolve("corpus")))
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.ABSTAIN_THRESHOLD, 0)
            .build();
    List<Row> rows = new ArrayList<>();
    try (App app = App.open(config, false)) {
      app.ingest(config.corpusDir());
      for (String line : TestCorpus.lines("/questions/seed-answerable.tsv")) {
        String q = line.split("\t")[0];
        Answer a = app.answerer().ask(q, config.topK()).answer();
        rows.add(new Row("answerable", q, a.abstained(), a.confidence()));
      }
      for (String q : TestCorpus.lines("/questions/seed-unanswerable.txt")) {
        Answer a = app.answerer().ask(q, config.topK()).answer();
        rows.add(new Row("unanswerable", q, a.abstained(), a.confidence()));
      }
    }
    write(rows);

    double lowestAnswerable =
        rows.stream()
            .filter(r -> r.set().equals("answerable"))
            .mapToDouble(Row::confidence)
            .min()
            .orElseThrow();
    double highestUnanswerable =
        rows.stream()
            .filter(r -> r.set().equals("unanswerable") && !r.abstainedByType())
            .mapToDouble(Row::confidence)
            .max()
            .orElseThrow();
    assertThat(rows).filteredOn(r -> r.set().equals("answerable")).noneMatch(Row::abstainedByType);
    assertThat(Config.DEFAULT_ABSTAIN_THRESHOLD)
        .isGreaterThan(highestUnanswerable)
        .isLessThanOrEqualTo(lowestAnswerable);
  }

  private static void write(List<Row> rows) throws Exception {
    StringBuilder md =
        new StringBuilder(
            "| set | question | confidence | abstained by a gate (answer type, or a number the question names) |\n|---|---|---|---|\n");
    for (Row r : rows) {
      md.append(
          String.format(
              "| %s | %s | %.3f | %s |%n",
              r.set(), r.question(), r.confidence(), r.abstainedByType() ? "yes" : ""));
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "abstention-seed.md"), md);
  }
}
