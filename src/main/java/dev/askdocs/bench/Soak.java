package dev.askdocs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.AskdocsException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code askdocs load}: a server launched on loopback is asked on each route at saturation for a
 * fixed time, then flooded with a burst larger than it admits. Reports latency percentiles, errors,
 * and the server's heap (after a full collection) and thread count before and after the soak; the
 * burst's refusals and how fast they came. Stops by itself: bounded in time, and every request has
 * a timeout. A benchmark, not a test: nothing here passes or fails.
 */
public final class Soak {
  private static final Logger LOG = LoggerFactory.getLogger(Soak.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration WARM_UP = Duration.ofSeconds(5);

  /**
   * @param corpus the documents the server answers from
   * @param index its index folder (built on first use)
   * @param model the embedding model id
   * @param duration how long the saturation lasts
   * @param clients concurrent clients during the soak, each asking again as soon as answered
   * @param burstClients concurrent clients of the overload burst, one question each
   * @param questions what is asked, cycled; empty asks about each document's title
   * @param serverJvmArgs JVM options of the launched server
   * @param log where the server's log goes
   * @param routes the routes driven, one after the other, each for {@code duration} and a burst
   */
  public record Options(
      Path corpus,
      Path index,
      String model,
      Duration duration,
      int clients,
      int burstClients,
      List<String> questions,
      List<String> serverJvmArgs,
      Path log,
      List<LoadRoute> routes) {
    public Options {
      questions = List.copyOf(questions);
      serverJvmArgs = List.copyOf(serverJvmArgs);
      routes = List.copyOf(routes);
      if (clients < 1 || burstClients < 1 || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("clients, burst and duration must be positive");
      }
      if (routes.isEmpty()) {
        throw new IllegalArgumentException("at least one route");
      }
    }
  }

  private Soak() {}

  public static Results run(Options o) {
    Results out = new Results();
    out.label("load.mode", "soak");
    out.put("load.seconds", o.duration().toSeconds());
    out.put("load.clients", o.clients());
    out.put("machine.cores", Runtime.getRuntime().availableProcessors());
    try (ServerProcess server =
        ServerProcess.start(o.corpus(), o.index(), o.model(), o.serverJvmArgs(), o.log())) {
      server.firstAnswerMs("What is this about?", START_TIMEOUT);
      int port = server.port(START_TIMEOUT);
      List<String> questions = o.questions().isEmpty() ? titleQuestions(port) : o.questions();
      LOG.info("load: warming up for {} s", WARM_UP.toSeconds());
      new AskLoad(port).runFor(questions, o.clients(), WARM_UP);
      boolean prefixed = !o.routes().equals(List.of(LoadRoute.ASK));
      for (LoadRoute route : o.routes()) {
        drive(
            server,
            new AskLoad(port, route),
            questions,
            o,
            prefixed ? route.label() + "." : "",
            out);
      }
      server.rssMb().ifPresent(mb -> out.put("server.rssMb", mb));
    }
    return out;
  }

  /**
   * One route: saturation for the options' duration, then the burst. Keys are prefixed with the
   * route's label ({@code chat-stream.soak.p50Ms}) when more than {@code ask} is driven.
   */
  private static void drive(
      ServerProcess server,
      AskLoad load,
      List<String> questions,
      Options o,
      String prefix,
      Results out) {
    server.heapUsedMb().ifPresent(mb -> out.put(prefix + "server.heapBeforeMb", mb));
    server.threads().ifPresent(n -> out.put(prefix + "server.threadsBefore", n));

    LOG.info("load: {}{} clients for {} s", prefix, o.clients(), o.duration().toSeconds());
    AskLoad.Outcome soak = load.runFor(questions, o.clients(), o.duration());
    out.put(prefix + "soak.answered", soak.answered());
    out.put(prefix + "soak.rejected", soak.rejected());
    out.put(prefix + "soak.failed", soak.failed());
    out.put(prefix + "soak.requestsPerSec", soak.requestsPerSec());
    out.put(prefix + "soak.p50Ms", Stats.median(soak.latencies()));
    out.put(prefix + "soak.p95Ms", Stats.percentile(soak.latencies(), 95));
    out.put(prefix + "soak.p99Ms", Stats.percentile(soak.latencies(), 99));
    out.put(prefix + "soak.maxMs", Stats.percentile(soak.latencies(), 100));
    server.threads().ifPresent(n -> out.put(prefix + "server.threadsAfter", n));
    server.heapUsedMb().ifPresent(mb -> out.put(prefix + "server.heapAfterMb", mb));

    LOG.info("load: {}a burst of {} clients", prefix, o.burstClients());
    List<String> burst = new ArrayList<>();
    for (int i = 0; i < o.burstClients(); i++) {
      burst.add(questions.get(i % questions.size()) + " [burst " + i + "]");
    }
    AskLoad.Outcome flood = load.run(burst, o.burstClients());
    out.put(prefix + "burst.clients", o.burstClients());
    out.put(prefix + "burst.answered", flood.answered());
    out.put(prefix + "burst.rejected", flood.rejected());
    out.put(prefix + "burst.failed", flood.failed());
    out.put(prefix + "burst.rejectedP50Ms", Stats.median(flood.rejectedLatencies()));
    out.put(prefix + "burst.rejectedP99Ms", Stats.percentile(flood.rejectedLatencies(), 99));
    out.put(prefix + "burst.answeredP99Ms", Stats.percentile(flood.latencies(), 99));
    server.threads().ifPresent(n -> out.put(prefix + "server.threadsAfterBurst", n));
  }

  /** "What does <title> say?" for every document the server lists. */
  private static List<String> titleQuestions(int port) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest list =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/documents"))
            .timeout(Duration.ofSeconds(60))
            .build();
    try {
      JsonNode docs =
          new ObjectMapper()
              .readTree(client.send(list, HttpResponse.BodyHandlers.ofString()).body())
              .path("documents");
      List<String> out = new ArrayList<>();
      docs.forEach(d -> out.add("What does " + d.path("title").asText() + " say?"));
      if (out.isEmpty()) {
        throw new AskdocsException("the corpus holds no documents to ask about");
      }
      return out;
    } catch (IOException e) {
      throw new AskdocsException("cannot list the documents: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AskdocsException("interrupted");
    }
  }
}
