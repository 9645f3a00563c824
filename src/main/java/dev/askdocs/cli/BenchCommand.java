package dev.askdocs.cli;

import dev.askdocs.App;
import dev.askdocs.bench.Bench;
import dev.askdocs.bench.BenchHistory;
import dev.askdocs.bench.BenchOptions;
import dev.askdocs.bench.HistoryPlot;
import dev.askdocs.bench.Results;
import dev.askdocs.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code askdocs bench}: the measurements behind docs/BENCHMARKS.md. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure ingest against the raw model, answer latency over HTTP at 1/4/16 clients, HNSW"
          + " recall and memory at several index sizes, start-up, and LangChain4j's naive"
          + " pipeline side by side. Long: use --quick for a reduced run (seconds).",
      "Indexes and embeddings are kept in --work-dir and reused by later runs."
    })
final class BenchCommand implements Callable<Integer> {
  @CommandLine.ParentCommand Cli parent;

  @Option(names = "--quick", description = "Reduced run for CI: tiny inputs, every figure.")
  boolean quick;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(
      names = "--work-dir",
      defaultValue = "data/bench",
      description = "Corpora, indexes and cached embeddings (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(
      names = "--corpus-jsonl",
      defaultValue = "../shared/eval-data/beir-scifact/corpus.jsonl.gz",
      description = "BEIR corpus, the real text (default: ${DEFAULT-VALUE}).")
  Path corpus;

  @Option(
      names = "--queries-jsonl",
      defaultValue = "../shared/eval-data/beir-scifact/queries.jsonl",
      description = "BEIR queries, the questions asked (default: ${DEFAULT-VALUE}).")
  Path queries;

  @Option(
      names = "--tiers",
      split = ",",
      description = "Index sizes in chunks, e.g. 10k,100k,1m (default 10k,100k; --quick 400).")
  List<String> tiers;

  @Option(
      names = "--unique-vectors",
      description =
          "Chunks per tier with their own real embedding; the rest are noisy copies"
              + " (default 100000; --quick 150).")
  Integer uniqueVectors;

  @Option(
      names = "--ingest-documents",
      description = "Abstracts ingested by the ingest comparison (default 600; --quick 6).")
  Integer ingestDocuments;

  @Option(
      names = "--rounds",
      description = "Alternating repetitions of side-by-side runs (default 3; --quick 1).")
  Integer rounds;

  @Option(names = "--quantized-vectors", description = "Build tiers with scalar-quantized HNSW.")
  boolean quantizedVectors;

  @Option(
      names = "--compare-quantized",
      description = "Also build every tier in the other vector format and measure both.")
  boolean compareQuantized;

  @Option(
      names = "--sections",
      split = ",",
      description =
          "Any of embed,ingest,scale,ask,startup,peer,solr (default: all; solr needs"
              + " --solr-urls).")
  List<String> sections;

  @Option(
      names = "--server-jvm-arg",
      description =
          "JVM option for the launched servers, repeatable, e.g. --server-jvm-arg=-Xmx2g.")
  List<String> serverJvmArgs;

  @Option(
      names = "--solr-urls",
      split = ",",
      description =
          "SolrCloud node URLs: also measure ingest and search on a collection there"
              + " (askdocs-bench, created 2 shards x 2 replicas if missing, emptied), beside the embedded index.")
  List<String> solrUrls;

  @Option(
      names = "--history",
      description =
          "Append the run's key figures to this JSON-lines file and redraw its plot beside it"
              + " (.png); 'off' for none. Default: docs/bench-history.jsonl when run from the"
              + " repository (that file exists) and not --quick.")
  String history;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Config c = parent.config();
    List<Integer> sizes = new ArrayList<>();
    for (String t : tiers != null ? tiers : List.of("10k", "100k")) {
      sizes.add(BenchOptions.parseTier(t));
    }
    if (quick && tiers == null) {
      sizes = List.of(400);
    }
    BenchOptions o =
        new BenchOptions(
            quick,
            workDir,
            corpus,
            queries,
            c.corpusDir(),
            sizes,
            uniqueVectors != null ? uniqueVectors : quick ? 150 : 100_000,
            ingestDocuments != null ? ingestDocuments : quick ? 6 : 600,
            rounds != null ? rounds : quick ? 1 : 3,
            quantizedVectors,
            compareQuantized,
            c.embeddingModel(),
            App.CHUNK_OVERLAP_SENTENCES,
            App.TITLE_IN_EMBEDDING,
            c.fusionCandidates(),
            dev.askdocs.retrieve.Fusion.parse(c.fusion()),
            sections != null ? new LinkedHashSet<>(sections) : BenchOptions.ALL_SECTIONS,
            serverJvmArgs != null ? serverJvmArgs : List.of(),
            solrUrls != null
                ? dev.askdocs.config.IndexSettings.urls(String.join(",", solrUrls))
                : List.of(),
            c.index().pooledSentenceVectors());
    Results r = Bench.run(o);
    System.out.println(json ? r.toJson() : r.toTable());
    Path file = historyFile();
    if (file != null) {
      String command = String.join(" ", spec.commandLine().getParseResult().originalArgs()).strip();
      BenchHistory.append(
          file,
          BenchHistory.entry(
              r,
              dev.askdocs.config.Version.commit(),
              ("askdocs " + command).strip(),
              Instant.now().truncatedTo(ChronoUnit.SECONDS),
              BenchHistory.memoryMb()));
      String name = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
      HistoryPlot.write(BenchHistory.read(file), file.resolveSibling(name + ".png"));
      System.err.println("bench: appended to " + file);
    }
    return 0;
  }

  /** Where the run is recorded, or null: see --history. */
  private Path historyFile() {
    if (history != null) {
      return "off".equals(history) ? null : Path.of(history);
    }
    Path inRepository = Path.of("docs", "bench-history.jsonl");
    return !quick && Files.isRegularFile(inRepository) ? inRepository : null;
  }
}
