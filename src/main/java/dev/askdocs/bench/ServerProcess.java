package dev.askdocs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.AskdocsException;
import dev.askdocs.config.ApiSettings;
import dev.askdocs.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code askdocs serve} in a child JVM, started the way a user starts it ({@code java ...
 * dev.askdocs.cli.Main serve}), on a free port. Measures the time from launch to the first answered
 * question, and the server's heap and resident memory.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private final ServerLaunch server;
  private final Process process;
  private final long launched;

  private ServerProcess(ServerLaunch server, long launched) {
    this.server = server;
    this.process = server.process();
    this.launched = launched;
  }

  /**
   * Launches the server on {@code corpus} and {@code index} with {@code model}; its log goes to
   * {@code log}. Other {@code ASKDOCS_} (and {@code SLACK_}) variables of this process are not
   * passed on, and the per-client rate limit is off.
   */
  static ServerProcess start(
      Path corpus, Path index, String model, List<String> jvmArgs, Path log) {
    // One loopback client drives thousands of requests on purpose: the per-client rate limit
    // (on by default, for the API's callers) would measure itself instead of askdocs.
    Map<String, String> env =
        Map.of(Config.EMBEDDING_MODEL.name(), model, ApiSettings.RATE_LIMIT.name(), "0");
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch the server", e);
    }
    long t0 = System.nanoTime();
    return new ServerProcess(
        ServerLaunch.start(
            corpus, index, jvmArgs, env, ProcessBuilder.Redirect.appendTo(log.toFile())),
        t0);
  }

  int port(Duration timeout) {
    return server.port(timeout);
  }

  /** Asks {@code question} every 20 ms until it is answered; returns milliseconds since launch. */
  double firstAnswerMs(String question, Duration timeout) {
    int p = port(timeout);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String body;
    try {
      body = new ObjectMapper().writeValueAsString(Map.of("question", question));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpRequest ask =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/api/v1/ask"))
            .header("Content-Type", "application/json")
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    poll(
        timeout,
        "the server gave no answer within " + timeout,
        () -> client.send(ask, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    return Stats.millis(System.nanoTime() - launched);
  }

  /**
   * Waits until the server's start-up check of the corpus folder is done ({@code /health} shows a
   * last ingest), so that its hashing does not run beside the measured questions.
   */
  void awaitCorpusChecked(Duration timeout) {
    int p = port(timeout);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/health"))
            .timeout(timeout)
            .build();
    poll(
        timeout,
        "the server did not finish checking its corpus within " + timeout,
        () -> {
          String body = client.send(health, HttpResponse.BodyHandlers.ofString()).body();
          return new ObjectMapper().readTree(body).path("lastIngest").isObject();
        });
  }

  /** Something asked of the server; an IOException means it is not answering yet. */
  @FunctionalInterface
  private interface Probe {
    boolean done() throws IOException, InterruptedException;
  }

  /** Asks {@code probe} every 20 ms until it is done, or fails with {@code failure}. */
  private static void poll(Duration timeout, String failure, Probe probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (probe.done()) {
          return;
        }
      } catch (IOException e) {
        // not accepting connections yet: asked again below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AskdocsException("interrupted while waiting for the server");
      }
      sleep();
    }
    throw new AskdocsException(failure);
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Heap in use after a full collection, by {@code jcmd}; empty when jcmd is unavailable. */
  OptionalDouble heapUsedMb() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      return OptionalDouble.empty();
    }
    run(jcmd.toString(), Long.toString(process.pid()), "GC.run");
    Matcher m =
        HEAP_USED.matcher(run(jcmd.toString(), Long.toString(process.pid()), "GC.heap_info"));
    return m.find()
        ? OptionalDouble.of(Long.parseLong(m.group(1)) / 1024.0)
        : OptionalDouble.empty();
  }

  /** The server's process, for its CPU time. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  /** Live threads of the server, from /proc; empty where there is no /proc. */
  OptionalDouble threads() {
    OptionalLong n = server.threads();
    return n.isPresent() ? OptionalDouble.of(n.getAsLong()) : OptionalDouble.empty();
  }

  /** Resident set size, from /proc; empty where there is no /proc. */
  OptionalDouble rssMb() {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return OptionalDouble.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
        }
      }
    } catch (IOException e) {
      return OptionalDouble.empty(); // no /proc on this system
    }
    return OptionalDouble.empty();
  }

  private static String run(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Stops the server as Ctrl+C would (its shutdown hook closes the index), then waits. */
  @Override
  public void close() {
    server.close();
  }
}
