package dev.askdocs.bench;

import dev.askdocs.embed.OnnxMiniLmEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code askdocs bench}: the measurements of docs/BENCHMARKS.md, in one run so that figures
 * compared with each other are taken side by side. A benchmark, not a test: nothing here passes or
 * fails.
 */
public final class Bench {
  private static final Logger LOG = LoggerFactory.getLogger(Bench.class);

  private Bench() {}

  public static Results run(BenchOptions o) {
    long started = System.nanoTime();
    Results out = new Results();
    out.label("bench.mode", o.quick() ? "quick" : "full");
    out.label("bench.date", LocalDate.now().toString());
    out.label("machine.java", System.getProperty("java.version"));
    out.put("machine.cores", Runtime.getRuntime().availableProcessors());
    out.put("machine.maxHeapMb", Runtime.getRuntime().maxMemory() / 1e6);
    out.label("bench.model", o.model().id());
    out.put("machine.loadAverageAtStart", loadAverage());
    BeirCorpus corpus = BeirCorpus.read(o.corpusJsonl(), o.queriesJsonl());
    if (o.runs("embed")) {
      LOG.info("bench: embed");
      EmbedBench.run(o, corpus, out);
    }
    try (OnnxMiniLmEmbedder model = OnnxMiniLmEmbedder.load(o.model())) {
      if (o.runs("ingest")) {
        LOG.info("bench: ingest");
        IngestBench.run(o, corpus, model, out);
      }
      if (o.runs("solr")) {
        LOG.info("bench: SolrCloud beside the embedded index");
        SolrBench.run(o, corpus, model, out);
      }
      if (o.runs("scale") || o.runs("ask") || o.runs("startup") || o.runs("peer")) {
        tiers(o, corpus, model, out);
      }
    }
    out.put("machine.loadAverageAtEnd", loadAverage());
    out.put("bench.seconds", (System.nanoTime() - started) / 1e9);
    return out;
  }

  /** The one-minute load average: how busy the shared machine was around the run. */
  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void tiers(
      BenchOptions o, BeirCorpus corpus, OnnxMiniLmEmbedder model, Results out) {
    List<String> questions = corpus.queries();
    try (CachedVectors cache =
        new CachedVectors(model, o.workDir().resolve("vectors-" + model.modelName() + ".bin"))) {
      List<float[]> queryVectors =
          model.embedAll(questions.subList(0, Math.min(o.questions(200, 10), questions.size())));
      Tier headline = null;
      Tier largest = null;
      for (int target : o.tiers()) {
        LOG.info("bench: tier {}", BenchOptions.label(target));
        Tier tier = Tier.prepare(o, corpus, target, o.quantizedVectors(), model, cache);
        String label = BenchOptions.label(target);
        if (o.runs("scale")) {
          ScaleBench.run(tier, queryVectors, model, out, "scale." + label + ".");
          if (o.compareQuantized()) {
            boolean other = !o.quantizedVectors();
            Tier twin = Tier.prepare(o, corpus, target, other, model, cache);
            String format = other ? "sq." : "float.";
            ScaleBench.run(twin, queryVectors, model, out, "scale." + label + "." + format);
          }
        }
        if (o.runs("ask") || o.runs("startup")) {
          String p = "ask." + label + ".";
          if (o.runs("ask")) {
            AskBench.runWithoutSentenceVectors(
                o, tier, questions, model, out, p + "noSentenceVectors.");
            double[] filled = Tier.fillSentenceVectors(tier, model, cache);
            out.put(p + "sentenceVectors", filled[0]);
            out.put(p + "sentenceVectorsSeconds", filled[1]);
          }
          AskBench.run(o, tier, questions, model, out, p);
        }
        // The headline tier is the one nearest 100k chunks, the size the goals name.
        if (headline == null || distance(target) < distance(headline.target())) {
          headline = tier;
        }
        if (largest == null || target > largest.target()) {
          largest = tier;
        }
      }
      if (headline != null) {
        String label = BenchOptions.label(headline.target());
        out.label("ask.tier", label);
        out.alias("ask." + label + ".", "ask.");
        out.label("scale.tier", BenchOptions.label(largest.target()));
        out.alias("scale." + BenchOptions.label(largest.target()) + ".", "scale.");
      }
      if (o.runs("startup")) {
        LOG.info("bench: start-up on the seed corpus");
        startupOnSeed(o, questions.get(0), out);
      }
      if (o.runs("peer") && headline != null) {
        LOG.info("bench: LangChain4j peer");
        PeerBench.ingest(o, corpus, model, out);
        PeerBench.query(o, headline, questions, model, out);
      }
    }
  }

  private static double distance(int chunks) {
    return Math.abs(Math.log(chunks / 100_000.0));
  }

  /** Start-up on the repository's seed corpus, its index built by an untimed first launch. */
  private static void startupOnSeed(BenchOptions o, String question, Results out) {
    Path dir = o.workDir().resolve("seed");
    Files2.deleteRecursively(dir);
    Path corpus = dir.resolve("corpus");
    try (Stream<Path> files = Files.list(o.seedCorpus())) {
      Files.createDirectories(corpus);
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, corpus.resolve(f.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path index = dir.resolve("index");
    AskBench.startups(o, corpus, index, question, 1); // builds the index
    // As the launcher (bin/askdocs) starts: with a class-data-sharing archive, which one untimed
    // launch writes when it stops. Launches without and with it alternate.
    Path archive = dir.resolve("askdocs.jsa").toAbsolutePath();
    AskBench.startups(
        o, corpus, index, question, 1, List.of("-XX:ArchiveClassesAtExit=" + archive));
    List<String> shared = List.of("-XX:SharedArchiveFile=" + archive);
    List<Double> plain = new ArrayList<>();
    List<Double> archived = new ArrayList<>();
    for (int i = 0; i < o.questions(5, 1); i++) {
      plain.addAll(AskBench.startups(o, corpus, index, question, 1));
      archived.addAll(AskBench.startups(o, corpus, index, question, 1, shared));
    }
    out.put("startup.seedMs", Stats.median(plain));
    out.put("startup.seedCdsMs", Stats.median(archived));
  }
}
