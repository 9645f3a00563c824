package dev.askdocs.bench;

import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.LuceneVectorCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server on one tier, as a user runs it: launched {@code startups} times to time the first
 * answer, then asked distinct questions over HTTP at 1, 4 and 16 concurrent clients, each level
 * next to the bare query embedding on the same questions in this process; then repeated questions
 * (the question-vector cache), an overload burst, and the server's heap and resident memory.
 */
final class AskBench {
  private static final Logger LOG = LoggerFactory.getLogger(AskBench.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(30);

  private AskBench() {}

  /**
   * Launches on {@code corpus}/{@code index} {@code n} times; milliseconds to each first answer.
   */
  static List<Double> startups(BenchOptions o, Path corpus, Path index, String question, int n) {
    return startups(o, corpus, index, question, n, List.of());
  }

  /** As above, with {@code moreJvmArgs} after the bench's {@code --server-jvm-arg}s. */
  static List<Double> startups(
      BenchOptions o, Path corpus, Path index, String question, int n, List<String> moreJvmArgs) {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      try (ServerProcess s = launch(o, corpus, index, moreJvmArgs)) {
        ms.add(s.firstAnswerMs(question, START_TIMEOUT));
      }
    }
    return ms;
  }

  private static ServerProcess launch(BenchOptions o, Path corpus, Path index) {
    return launch(o, corpus, index, List.of());
  }

  private static ServerProcess launch(
      BenchOptions o, Path corpus, Path index, List<String> moreJvmArgs) {
    List<String> jvmArgs = new ArrayList<>(o.serverJvmArgs());
    jvmArgs.addAll(moreJvmArgs);
    return ServerProcess.start(
        corpus, index, o.model().id(), jvmArgs, o.workDir().resolve("logs").resolve("server.log"));
  }

  static void run(
      BenchOptions o, Tier tier, List<String> questions, Embedder bare, Results out, String p) {
    int warm = warmUp(o);
    int n1 = o.questions(150, 6);
    int n4 = o.questions(200, 8);
    int n16 = o.questions(320, 16);
    int burstClients = o.questions(64, 40);
    int burst = burstClients * o.questions(4, 1);
    // The server that is asked is also one of the start-up samples.
    List<Double> starts = new ArrayList<>();
    if (o.runs("startup")) {
      starts.addAll(
          startups(o, tier.corpus(), tier.index(), questions.get(0), o.questions(3, 1) - 1));
    }
    Cursor q = new Cursor(questions);
    try (ServerProcess server = launch(o, tier.corpus(), tier.index())) {
      starts.add(server.firstAnswerMs(questions.get(0), START_TIMEOUT));
      if (o.runs("startup")) {
        out.put("startup." + BenchOptions.label(tier.target()) + "Ms", Stats.median(starts));
      }
      if (!o.runs("ask")) {
        return;
      }
      server.awaitCorpusChecked(Duration.ofMinutes(10));
      AskLoad load = new AskLoad(server.port(START_TIMEOUT));
      List<String> warmQuestions = q.next(warm);
      load.run(warmQuestions, 1);

      List<String> c1 = q.next(n1);
      List<Double> embed1 = latencies(bare, c1);
      AskLoad.Outcome one = load.run(c1, 1);
      put(out, p + "c1", one);
      out.put(p + "c1.embedP50Ms", Stats.median(embed1));
      out.put(p + "c1.embedP99Ms", Stats.percentile(embed1, 99));
      out.put(p + "c1.serverEmbedP50Ms", Stats.median(one.serverEmbed()));
      out.put(p + "c1.serverRetrieveP50Ms", Stats.median(one.serverRetrieve()));
      out.put(p + "c1.serverAnswerP50Ms", Stats.median(one.serverAnswer()));
      out.put(p + "c1.p50MinusEmbedMs", Stats.median(one.latencies()) - Stats.median(embed1));

      put(out, p + "c4", load.run(q.next(n4), 4));

      List<String> c16 = q.next(n16);
      Duration self0 = cpuTime(ProcessHandle.current());
      double embedRate = throughput(bare, c16, 16);
      Duration self1 = cpuTime(ProcessHandle.current());
      // 16 at a time compiles paths that one at a time did not; these questions' vectors are
      // cached, so the model is not warmed twice.
      load.run(warmQuestions, 16);
      Duration server0 = cpuTime(server.handle());
      Duration client0 = cpuTime(ProcessHandle.current());
      AskLoad.Outcome sixteen = load.run(c16, 16);
      Duration server1 = cpuTime(server.handle());
      Duration client1 = cpuTime(ProcessHandle.current());
      put(out, p + "c16", sixteen);
      out.put(p + "c16.embedPerSec", embedRate);
      out.put(p + "c16.toEmbedThroughput", sixteen.requestsPerSec() / embedRate);
      // Where the two cores went: CPU per answer in the server and in this (client) process,
      // next to the bare embedding's CPU per question.
      int answered = Math.max(1, sixteen.answered());
      out.put(
          p + "c16.embedCpuMsPerQuestion", Stats.millis(self1.minus(self0).toNanos()) / c16.size());
      out.put(
          p + "c16.serverCpuMsPerAnswer",
          Stats.millis(server1.minus(server0).toNanos()) / answered);
      out.put(
          p + "c16.clientCpuMsPerAnswer",
          Stats.millis(client1.minus(client0).toNanos()) / answered);

      // The same questions again: question and sentence vectors now come from the cache.
      AskLoad.Outcome again = load.run(c1, 1);
      out.put(p + "repeat.p50Ms", Stats.median(again.latencies()));
      out.put(p + "repeat.p99Ms", Stats.percentile(again.latencies(), 99));
      out.put(p + "repeat.serverAnswerP50Ms", Stats.median(again.serverAnswer()));
      AskLoad.Outcome again16 = load.run(c16, 16);
      out.put(p + "repeat.c16.requestsPerSec", again16.requestsPerSec());
      out.put(p + "repeat.c16.p99Ms", Stats.percentile(again16.latencies(), 99));

      AskLoad.Outcome flood = load.run(q.next(burst), burstClients);
      out.put(p + "overload.clients", burstClients);
      out.put(p + "overload.answered", flood.answered());
      out.put(p + "overload.rejected", flood.rejected());
      out.put(p + "overload.failed", flood.failed());
      out.put(p + "overload.rejectedP50Ms", Stats.median(flood.rejectedLatencies()));
      out.put(p + "overload.answeredP99Ms", Stats.percentile(flood.latencies(), 99));

      server.heapUsedMb().ifPresent(mb -> out.put(p + "server.heapMb", mb));
      server.rssMb().ifPresent(mb -> out.put(p + "server.rssMb", mb));
      LOG.info("bench ask {}: done", BenchOptions.label(tier.target()));
    }
  }

  /**
   * One client on a server whose index has no sentence vectors (as built before they were kept):
   * the answerer embeds the sentences it scores. The same warm-up and questions as {@link #run}'s
   * one-client level, so the two compare side by side.
   */
  static void runWithoutSentenceVectors(
      BenchOptions o, Tier tier, List<String> questions, Embedder bare, Results out, String p) {
    Path vectors = tier.index().resolve(LuceneVectorCache.FOLDER);
    Path aside = tier.index().resolve(LuceneVectorCache.FOLDER + ".aside");
    try {
      if (Files.exists(vectors)) {
        Files.move(vectors, aside);
      }
      try {
        Cursor q = new Cursor(questions);
        try (ServerProcess server = launch(o, tier.corpus(), tier.index())) {
          AskLoad load = new AskLoad(server.port(START_TIMEOUT));
          server.firstAnswerMs(questions.get(0), START_TIMEOUT);
          server.awaitCorpusChecked(Duration.ofMinutes(10));
          load.run(q.next(warmUp(o)), 1);
          List<String> c1 = q.next(o.questions(150, 6));
          List<Double> embed1 = latencies(bare, c1);
          AskLoad.Outcome one = load.run(c1, 1);
          put(out, p + "c1", one);
          out.put(p + "c1.embedP50Ms", Stats.median(embed1));
          out.put(p + "c1.serverAnswerP50Ms", Stats.median(one.serverAnswer()));
        }
      } finally {
        // The server created an empty cache folder: it goes, and the kept one comes back, even
        // when the run failed.
        Files2.deleteRecursively(vectors);
        if (Files.exists(aside)) {
          Files.move(aside, vectors);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void put(Results out, String key, AskLoad.Outcome r) {
    out.put(key + ".p50Ms", Stats.median(r.latencies()));
    out.put(key + ".p95Ms", Stats.percentile(r.latencies(), 95));
    out.put(key + ".p99Ms", Stats.percentile(r.latencies(), 99));
    out.put(key + ".requestsPerSec", r.requestsPerSec());
    out.put(key + ".rejected", r.rejected());
    out.put(key + ".failed", r.failed());
  }

  static List<Double> latencies(Embedder model, List<String> texts) {
    List<Double> ms = new ArrayList<>(texts.size());
    for (String t : texts) {
      long t0 = System.nanoTime();
      model.embed(t);
      ms.add(Stats.millis(System.nanoTime() - t0));
    }
    return ms;
  }

  /**
   * Questions asked before measuring: enough for the JIT of both processes, since a server answers
   * for days. With 30, the first measured questions still ran while C2 compiled on the same two
   * cores.
   */
  private static int warmUp(BenchOptions o) {
    return o.questions(200, 2);
  }

  /** CPU time used so far by a process; zero where the system does not say. */
  private static Duration cpuTime(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** Questions embedded per second by {@code clients} threads calling {@code embed}. */
  static double throughput(Embedder model, List<String> texts, int clients) {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < texts.size();
                      i = next.getAndIncrement()) {
                    model.embed(texts.get(i));
                  }
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
    return texts.size() / ((System.nanoTime() - t0) / 1e9);
  }

  /** Hands out questions in order, each once, wrapping around only if the set runs out. */
  private static final class Cursor {
    private final List<String> all;
    private int at;

    Cursor(List<String> all) {
      this.all = all;
    }

    List<String> next(int n) {
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(all.get(at++ % all.size()));
      }
      return Collections.unmodifiableList(out);
    }
  }
}
