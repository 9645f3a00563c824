package dev.askdocs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.askdocs.App;
import dev.askdocs.BadInputException;
import dev.askdocs.config.Config;
import dev.askdocs.config.ConfigException;
import dev.askdocs.eval.EvalOptions;
import dev.askdocs.eval.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code askdocs eval}: measures retrieval and answer quality on a public dataset. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Ingest a dataset into a fresh temporary index through the normal ingest path and report"
          + " retrieval and answer quality.",
      "BEIR folders (corpus.jsonl[.gz], queries.jsonl, qrels/<split>.tsv): nDCG@10, Recall@10/100,"
          + " MRR@10 per mode and for the naive LangChain4j peer.",
      "SQuAD v1.1 (dev-v1.1.json): paragraph retrieval, answers of the production answerer,"
          + " abstention on held-out articles and the threshold curve.",
      "--task sentences: MAP/MRR of answer-sentence selection (JSONL, or derived from SQuAD).",
      "--task tables: WikiTableQuestions look-ups over CSV tables: row Recall@1/@5, answer cell"
          + " in the first quote, abstention."
    })
final class EvalCommand implements Callable<Integer> {
  @CommandLine.ParentCommand Cli parent;

  @Parameters(
      paramLabel = "DATASET",
      description = "A BEIR folder, a SQuAD file or folder, or a sentences JSONL file.")
  Path dataset;

  @Option(
      names = "--task",
      defaultValue = "auto",
      description = "auto, beir, squad, sentences or tables (default: ${DEFAULT-VALUE}).")
  String task;

  @Option(
      names = "--split",
      description =
          "BEIR: qrels split (default test). SQuAD: dev, test or all; tables: dev or test"
              + " (default dev).")
  String split;

  @Option(
      names = "--limit",
      defaultValue = "0",
      description = "Questions to sample, seeded; 0 for all.")
  int limit;

  @Option(
      names = "--corpus-limit",
      defaultValue = "0",
      description = "BEIR: documents to keep (all judged ones plus a seeded sample); 0 for all.")
  int corpusLimit;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--mode",
      split = ",",
      description = "Modes to report: bm25, dense, hybrid, peer (default: all).")
  List<String> modes;

  @Option(
      names = "--holdout-articles",
      defaultValue = "0.25",
      description =
          "SQuAD: share of the split's articles left out of the index (default: ${DEFAULT-VALUE}).")
  double holdout;

  @Option(
      names = "--threshold",
      description = "Abstention threshold to report answers at (default: the configured one).")
  Double threshold;

  @Option(
      names = "--fusion",
      description = "Fusion for hybrid: rrf[:k] or convex[:alpha] (default: the configured one).")
  String fusion;

  @Option(
      names = "--candidates",
      description =
          "Hits each of BM25 and vector search hands to the fusion (default: the configured one).")
  Integer candidates;

  @Option(names = "--no-answers", description = "SQuAD: evaluate retrieval only.")
  boolean noAnswers;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(
      names = "--work-dir",
      description =
          "Keep the evaluation corpus and index here instead of a temporary folder; a later run"
              + " with the same dataset and options reuses them (ingest is incremental).")
  Path workDir;

  @Override
  public Integer call() throws IOException {
    List<String> known = List.of("bm25", "dense", "hybrid", "peer");
    List<String> chosen = modes == null ? known : modes;
    for (String m : chosen) {
      if (!known.contains(m)) {
        throw new BadInputException(
            "bad_value", "mode", "--mode takes " + String.join(", ", known) + "; got " + m);
      }
    }
    if (limit < 0 || corpusLimit < 0 || holdout < 0 || holdout >= 1) {
      throw new BadInputException(
          "out_of_range",
          "limit",
          "--limit and --corpus-limit must be >= 0, --holdout-articles in [0, 1)");
    }
    Config config = parent.config();
    if (threshold != null) {
      config = config.toBuilder().set(Config.ABSTAIN_THRESHOLD, threshold).build();
    }
    try {
      if (fusion != null) {
        config = config.toBuilder().set(Config.FUSION, fusion).build();
      }
      if (candidates != null) {
        config = config.toBuilder().set(Config.FUSION_CANDIDATES, candidates).build();
      }
    } catch (ConfigException e) {
      // The settings check names the environment variable; here the user typed a flag.
      String flag =
          e.variable().equals(Config.FUSION_CANDIDATES.name()) ? "--candidates" : "--fusion";
      String problem = e.getMessage().substring(e.variable().length()).strip();
      throw new BadInputException("bad_value", flag, flag + " " + problem);
    }
    String chosenSplit =
        split != null ? split : Files.isDirectory(dataset.resolve("qrels")) ? "test" : "dev";
    Path work =
        workDir != null
            ? Files.createDirectories(workDir)
            : Files.createTempDirectory("askdocs-eval");
    try {
      EvalOptions options =
          new EvalOptions(
              config, chosenSplit, limit, corpusLimit, seed, chosen, holdout, work, !noAnswers);
      Map<String, Object> report = Evaluation.run(dataset, task, options, c -> App.open(c, false));
      if (json) {
        System.out.println(
            new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(report));
      } else {
        System.out.print(Evaluation.table(report));
      }
    } finally {
      if (workDir == null) {
        deleteTree(work);
      }
    }
    return 0;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
