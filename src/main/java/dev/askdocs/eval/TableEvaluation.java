package dev.askdocs.eval;

import dev.askdocs.answer.Answer;
import dev.askdocs.answer.Citation;
import dev.askdocs.index.ChunkFilter;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.retrieve.RetrievalMode;
import dev.askdocs.retrieve.ScoredChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WikiTableQuestions look-ups over CSV tables: the tables are ingested through the production path
 * (the CSV loader writes a row per line with its column names), each question is asked with a
 * filter on its own table's source (the questions assume their table: "who finished last?"), and a
 * passage or citation counts as holding the answer's row when its location covers that row.
 */
final class TableEvaluation {
  /** "row 5", "rows 3-9", possibly after a sheet's name. */
  private static final Pattern ROWS = Pattern.compile("rows? (\\d+)(?:-(\\d+))?$");

  private TableEvaluation() {}

  /** One question's outcome with abstention by threshold switched off. */
  record Outcome(boolean gated, double confidence, boolean quoteHasCell, boolean citedRow) {}

  static Map<String, Object> run(Path dataset, EvalOptions o, Deployment.Opener deployments)
      throws IOException {
    TableDataset data = TableDataset.load(dataset, o.split());
    List<TableDataset.Question> questions = new ArrayList<>(data.questions());
    Collections.shuffle(questions, new Random(o.seed()));
    if (o.limit() > 0 && o.limit() < questions.size()) {
      questions = questions.subList(0, o.limit());
    }
    // Only the questions' tables: each question is filtered to its own table, so others would
    // cost embedding time and change nothing.
    TreeSet<String> tables = new TreeSet<>();
    questions.forEach(q -> tables.add(q.table()));
    Path corpus = Files.createDirectories(o.workDir().resolve("corpus"));
    try (var old = Files.list(corpus)) {
      for (Path f : old.toList()) {
        if (!tables.contains(f.getFileName().toString())) {
          Files.deleteIfExists(f);
        }
      }
    }
    for (String t : tables) {
      Path target = corpus.resolve(t);
      if (!Files.exists(target)) {
        Files.copy(data.tables().resolve(t), target);
      }
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("dataset", dataset.toString());
    report.put("split", o.split());
    report.put("questions", questions.size());
    report.put("tables", tables.size());
    try (Deployment app = deployments.open(o.deployment(corpus, true))) {
      IngestReport ingest = app.ingest(corpus);
      report.put("chunks", ingest.chunksEmbedded());
      report.put("ingestSeconds", ingest.durationMs() / 1000.0);
      Map<String, Object> retrieval = new LinkedHashMap<>();
      for (String mode : o.modes()) {
        if (!mode.equals("peer")) {
          retrieval.put(mode, retrieval(app, questions, RetrievalMode.parse(mode)));
        }
      }
      report.put("retrieval", retrieval);
      if (o.answers()) {
        List<Outcome> outcomes = new ArrayList<>();
        long t0 = System.nanoTime();
        for (TableDataset.Question q : questions) {
          outcomes.add(outcome(app, q, o.config().topK()));
        }
        double ms = (System.nanoTime() - t0) / 1e6 / Math.max(1, outcomes.size());
        Map<String, Object> answers = answers(outcomes, o.config().abstainThreshold());
        answers.put("msPerQuestion", BeirEvaluation.round(ms));
        report.put("answers", answers);
      }
    }
    return report;
  }

  private static Map<String, Object> retrieval(
      Deployment app, List<TableDataset.Question> questions, RetrievalMode mode) {
    int r1 = 0;
    int r5 = 0;
    for (TableDataset.Question q : questions) {
      List<ScoredChunk> passages =
          app.retriever().retrieve(q.question(), 5, mode, filter(q)).passages();
      for (int i = 0; i < passages.size(); i++) {
        if (covers(passages.get(i).chunk().location(), q.row())) {
          r1 += i == 0 ? 1 : 0;
          r5++;
          break;
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rowRecall@1", share(r1, questions.size()));
    m.put("rowRecall@5", share(r5, questions.size()));
    return m;
  }

  private static Outcome outcome(Deployment app, TableDataset.Question q, int topK) {
    Answer a = app.answerer().ask(q.question(), topK, filter(q)).answer();
    if (a.abstained() || a.citations().isEmpty()) {
      return new Outcome(true, a.confidence(), false, false);
    }
    Citation first = a.citations().get(0);
    return new Outcome(
        false,
        a.confidence(),
        SquadText.containsAny(first.quote(), List.of(q.answer())),
        covers(first.location(), q.row()));
  }

  static Map<String, Object> answers(List<Outcome> outcomes, double threshold) {
    int abstained = 0;
    int cell = 0;
    int row = 0;
    for (Outcome o : outcomes) {
      if (o.gated() || o.confidence() < threshold) {
        abstained++;
      } else {
        cell += o.quoteHasCell() ? 1 : 0;
        row += o.citedRow() ? 1 : 0;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold", threshold);
    m.put("cellInFirstQuote", share(cell, outcomes.size()));
    m.put("firstCitationHasRow", share(row, outcomes.size()));
    m.put("abstained", share(abstained, outcomes.size()));
    return m;
  }

  /** The question's own table only. */
  private static ChunkFilter filter(TableDataset.Question q) {
    return ChunkFilter.sourcePrefixes(List.of(q.table()));
  }

  /**
   * Whether a location ({@code "rows 3-9"}) covers the 0-based data row: the CSV loader numbers
   * records as a spreadsheet does, the header being row 1, so data row {@code r} is row {@code r +
   * 2}.
   */
  static boolean covers(String location, int dataRow) {
    if (location == null) {
      return false;
    }
    Matcher m = ROWS.matcher(location);
    if (!m.find()) {
      return false;
    }
    int first = Integer.parseInt(m.group(1));
    int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
    int row = dataRow + 2;
    return first <= row && row <= last;
  }

  private static double share(int part, int whole) {
    return whole == 0 ? 0 : BeirEvaluation.round((double) part / whole);
  }
}
