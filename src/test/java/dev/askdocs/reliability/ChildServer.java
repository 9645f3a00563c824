package dev.askdocs.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code askdocs serve} in a child JVM, started as a user starts it ({@code java ...
 * dev.askdocs.cli.Main serve}) on a free loopback port, with this test's classpath. Its log
 * (stderr) is appended to a file, so a test can wait for a line, grep for secrets or count errors;
 * {@link #kill()} is SIGKILL and {@link #terminate} SIGTERM.
 */
final class ChildServer implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("askdocs is serving http://[^:]+:(\\d+)");

  private final Process process;
  private final Path log;
  private final CompletableFuture<Integer> port = new CompletableFuture<>();

  private ChildServer(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts the server on {@code corpus} and {@code index}. Only {@code env} reaches it of the
   * {@code ASKDOCS_}/{@code SLACK_} variables; the log is appended to {@code log}.
   */
  static ChildServer start(Path corpus, Path index, Map<String, String> env, Path log) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-Xmx768m",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.askdocs.cli.Main",
            "serve",
            "--port",
            "0",
            "--host",
            "127.0.0.1",
            "--corpus",
            corpus.toString(),
            "--index",
            index.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("ASKDOCS_") || k.startsWith("SLACK_"));
    pb.environment().putAll(env);
    try {
      ChildServer server = new ChildServer(pb.start(), log);
      Thread reader = new Thread(server::readStdout, "child-server-stdout");
      reader.setDaemon(true);
      reader.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch the server", e);
    }
  }

  private void readStdout() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        Matcher m = SERVING.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new IllegalStateException("the server exited before serving"));
  }

  /** The HTTP port, once the server listens. */
  int port(Duration timeout) {
    try {
      return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the server did not start: " + e + "\n" + log(), e);
    }
  }

  /** Everything the server logged so far. */
  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the log holds a match of {@code pattern}; false when the time ran out. */
  boolean awaitLog(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (pattern.matcher(log()).find()) {
        return true;
      }
      if (!process.isAlive()) {
        return pattern.matcher(log()).find();
      }
      Thread.sleep(25);
    }
    return false;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Live threads of the server, from /proc; empty where there is no /proc. */
  OptionalLong threads() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("Threads:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")));
        }
      }
    } catch (IOException e) {
      return OptionalLong.empty(); // no /proc on this system
    }
    return OptionalLong.empty();
  }

  /** SIGKILL: the process dies at once, mid-write if it was writing. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits for the exit; returns the exit code, or -1 if it did not exit in time. */
  int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return -1;
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive() && terminate(Duration.ofSeconds(60)) == -1) {
      kill();
    }
  }
}
