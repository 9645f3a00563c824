package dev.askdocs.eval;

import dev.askdocs.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the evaluation a dataset calls for and renders its report. */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Evaluates {@code dataset} and returns the report as nested maps (JSON-ready).
   *
   * @param task {@code beir}, {@code squad}, {@code sentences}, {@code tables}, or {@code auto} to
   *     tell BEIR, SQuAD and WikiTableQuestions apart by the files present
   * @param deployments opens askdocs, wired as in production, on the evaluation's corpus and index
   */
  public static Map<String, Object> run(
      Path dataset, String task, EvalOptions options, Deployment.Opener deployments)
      throws IOException {
    if (!Files.exists(dataset)) {
      throw new BadInputException("not_found", "dataset", "no dataset at " + dataset);
    }
    String kind = task;
    if (kind.equals("auto")) {
      if (BeirDataset.looksLike(dataset)) {
        kind = "beir";
      } else if (SquadDataset.looksLike(dataset)) {
        kind = "squad";
      } else if (TableDataset.looksLike(dataset)) {
        kind = "tables";
      } else {
        throw new BadInputException(
            "bad_value",
            "dataset",
            dataset + " is neither a BEIR folder (queries.jsonl, qrels/) nor a SQuAD file");
      }
    }
    long t0 = System.nanoTime();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("task", kind);
    report.putAll(
        switch (kind) {
          case "beir" -> BeirEvaluation.run(dataset, options, deployments);
          case "squad" -> SquadEvaluation.run(dataset, options, deployments);
          case "sentences" -> SentenceEvaluation.run(dataset, options, deployments);
          case "tables" -> TableEvaluation.run(dataset, options, deployments);
          default ->
              throw new BadInputException(
                  "bad_value", "task", "task must be auto, beir, squad, sentences or tables");
        });
    report.put("seconds", BeirEvaluation.round((System.nanoTime() - t0) / 1e9));
    return report;
  }

  /** The report as readable text: scalars as lines, maps of maps as tables. */
  public static String table(Map<String, Object> report) {
    StringBuilder out = new StringBuilder();
    for (var e : report.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map<?, ?> m
          && !m.isEmpty()
          && m.values().iterator().next() instanceof Map<?, ?>) {
        out.append('\n').append(e.getKey()).append(":\n");
        List<Map.Entry<String, Map<?, ?>>> rows = new java.util.ArrayList<>();
        m.forEach((k, x) -> rows.add(Map.entry(String.valueOf(k), (Map<?, ?>) x)));
        appendTable(out, rows);
      } else if (v instanceof List<?> rows && !rows.isEmpty() && rows.get(0) instanceof Map<?, ?>) {
        out.append('\n').append(e.getKey()).append(":\n");
        List<Map.Entry<String, Map<?, ?>>> table = new java.util.ArrayList<>();
        rows.forEach(r -> table.add(Map.entry("", (Map<?, ?>) r)));
        appendTable(out, table);
      } else {
        out.append(String.format("%-22s %s%n", e.getKey(), v));
      }
    }
    return out.toString();
  }

  private static void appendTable(StringBuilder out, List<Map.Entry<String, Map<?, ?>>> rows) {
    java.util.Set<Object> columns = new java.util.LinkedHashSet<>();
    rows.forEach(r -> columns.addAll(r.getValue().keySet()));
    StringBuilder header = new StringBuilder(String.format("  %-8s", ""));
    columns.forEach(k -> header.append(String.format(" %20s", k)));
    out.append(header).append('\n');
    for (var row : rows) {
      StringBuilder line = new StringBuilder(String.format("  %-8s", row.getKey()));
      columns.forEach(
          k ->
              line.append(
                  String.format(
                      " %20s", row.getValue().containsKey(k) ? row.getValue().get(k) : "")));
      out.append(line).append('\n');
    }
  }
}
