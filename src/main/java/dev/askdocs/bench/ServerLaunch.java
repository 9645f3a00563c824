package dev.askdocs.bench;

import dev.askdocs.AskdocsException;
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
 * {@code askdocs serve} in a child JVM, launched the way a user starts it ({@code java ...
 * dev.askdocs.cli.Main serve}) on a free loopback port with this process's classpath: the one
 * launcher of the benchmarks ({@link ServerProcess}) and of the tests that run a real server
 * process. Its port is read from the line it prints when it serves. {@link #close} stops it as
 * Ctrl+C would (its shutdown hook closes the index), and kills it if it does not exit in time.
 */
public final class ServerLaunch implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("askdocs is serving http://[^:]+:(\\d+)");

  private final Process process;
  private final CompletableFuture<Integer> port;

  private ServerLaunch(Process process) {
    this.process = process;
    this.port = servingPort(process);
  }

  /**
   * Launches the server on {@code corpus} and {@code index}, with {@code jvmOptions} before the
   * class path. Of this process's {@code ASKDOCS_} and {@code SLACK_} variables none is passed on;
   * {@code env} is. The server's log (stderr) goes to {@code stderr}.
   */
  public static ServerLaunch start(
      Path corpus,
      Path index,
      List<String> jvmOptions,
      Map<String, String> env,
      ProcessBuilder.Redirect stderr) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(
        List.of(
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
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr);
    pb.environment().keySet().removeIf(k -> k.startsWith("ASKDOCS_") || k.startsWith("SLACK_"));
    pb.environment().putAll(env);
    try {
      return new ServerLaunch(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch the server", e);
    }
  }

  /**
   * The port {@code server} (an {@code askdocs serve} process, however launched) listens on, from
   * the line it prints on stdout once it serves; read on a daemon thread, which also drains the
   * rest of stdout. Fails when the process exits before serving.
   */
  public static CompletableFuture<Integer> servingPort(Process server) {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  Matcher m = SERVING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new AskdocsException("the server exited before serving"));
            },
            "askdocs-serve-stdout");
    reader.setDaemon(true);
    reader.start();
    return port;
  }

  /** The server's process. */
  public Process process() {
    return process;
  }

  /**
   * The HTTP port, once the server listens.
   *
   * @throws AskdocsException when it exits or does not serve within {@code timeout}
   */
  public int port(Duration timeout) {
    try {
      return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AskdocsException("interrupted while waiting for the server", e);
    } catch (Exception e) {
      throw new AskdocsException("the server did not start: " + e, e);
    }
  }

  /** Live threads of the server, from /proc; empty where there is no /proc. */
  public OptionalLong threads() {
    try {
      Path status = Path.of("/proc", Long.toString(process.pid()), "status");
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("Threads:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")));
        }
      }
    } catch (IOException e) {
      return OptionalLong.empty(); // no /proc on this system
    }
    return OptionalLong.empty();
  }

  /**
   * SIGTERM, then waits; returns the exit code, or -1 if it did not exit within {@code timeout}.
   */
  public int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return -1;
    }
    return process.exitValue();
  }

  /** SIGKILL: the process dies at once, mid-write if it was writing. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, and SIGKILL when the server has not exited within a minute. */
  @Override
  public void close() {
    try {
      if (process.isAlive() && terminate(Duration.ofSeconds(60)) == -1) {
        kill();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
