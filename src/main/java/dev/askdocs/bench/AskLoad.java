package dev.askdocs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.AskdocsException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients asking one {@link LoadRoute} over real HTTP: each of {@code clients} threads asks the
 * next question as soon as its last one is answered, until every question was asked once. Bounded
 * in count, and each request in time.
 */
final class AskLoad {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI uri;
  private final LoadRoute route;

  AskLoad(int port) {
    this(port, LoadRoute.ASK);
  }

  AskLoad(int port, LoadRoute route) {
    this.uri = URI.create("http://127.0.0.1:" + port + route.path());
    this.route = route;
  }

  /** What one load phase saw. Latencies in milliseconds, of answered questions only. */
  record Outcome(
      List<Double> latencies,
      List<Double> serverEmbed,
      List<Double> serverRetrieve,
      List<Double> serverAnswer,
      List<Double> rejectedLatencies,
      int answered,
      int rejected,
      int failed,
      double seconds) {
    double requestsPerSec() {
      return answered / seconds;
    }
  }

  Outcome run(List<String> questions, int clients) {
    AtomicInteger next = new AtomicInteger();
    return drive(
        clients,
        () -> {
          int i = next.getAndIncrement();
          return i < questions.size() ? questions.get(i) : null;
        });
  }

  /**
   * Each of {@code clients} threads asks the next question as soon as its last one is answered,
   * cycling through {@code questions}, until {@code duration} has passed: saturation, bounded in
   * time. From the second round on each question carries its round number, so that every question
   * asked is new to the server's question cache.
   */
  Outcome runFor(List<String> questions, int clients, Duration duration) {
    AtomicInteger next = new AtomicInteger();
    long deadline = System.nanoTime() + duration.toNanos();
    return drive(
        clients,
        () -> {
          if (System.nanoTime() >= deadline) {
            return null;
          }
          int i = next.getAndIncrement() & Integer.MAX_VALUE;
          int round = i / questions.size();
          String q = questions.get(i % questions.size());
          return round == 0 ? q : q + " (" + round + ")";
        });
  }

  private Outcome drive(int clients, java.util.function.Supplier<String> nextQuestion) {
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    List<Double> embed = Collections.synchronizedList(new ArrayList<>());
    List<Double> retrieve = Collections.synchronizedList(new ArrayList<>());
    List<Double> answer = Collections.synchronizedList(new ArrayList<>());
    List<Double> rejectedMs = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger rejected = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long t0 = System.nanoTime();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(
            pool.submit(
                () -> {
                  for (String q = nextQuestion.get(); q != null; q = nextQuestion.get()) {
                    long s = System.nanoTime();
                    HttpResponse<String> r = send(q);
                    double ms = Stats.millis(System.nanoTime() - s);
                    if (r == null) {
                      failed.incrementAndGet();
                    } else if (r.statusCode() == 200 && route.complete(r.body())) {
                      latencies.add(ms);
                      if (route == LoadRoute.ASK) {
                        JsonNode t = parse(r.body()).path("timingsMs");
                        embed.add(t.path("embed").asDouble());
                        retrieve.add(t.path("retrieve").asDouble());
                        answer.add(t.path("answer").asDouble());
                      }
                    } else if (r.statusCode() == 503 || r.statusCode() == 429) {
                      rejected.incrementAndGet();
                      rejectedMs.add(ms);
                    } else {
                      failed.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (Exception e) {
      throw new AskdocsException("load run failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Outcome(
        List.copyOf(latencies),
        List.copyOf(embed),
        List.copyOf(retrieve),
        List.copyOf(answer),
        List.copyOf(rejectedMs),
        latencies.size(),
        rejected.get(),
        failed.get(),
        seconds);
  }

  private HttpResponse<String> send(String question) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .header("Content-Type", "application/json")
              .header("Accept", route.accept())
              .timeout(Duration.ofSeconds(60))
              .POST(HttpRequest.BodyPublishers.ofString(route.body(question)))
              .build();
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null; // counted as failed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AskdocsException("the server answered something other than JSON: " + e);
    }
  }
}
