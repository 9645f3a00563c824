package dev.askdocs.reliability;

import dev.askdocs.AskdocsException;
import dev.askdocs.bench.ServerLaunch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * {@code askdocs serve} in a child JVM, launched by the benchmarks' {@link ServerLaunch} (as a user
 * starts it, on a free loopback port, with this test's classpath) with a heap of 768 MB. Its log
 * (stderr) is read line by line as it is written and appended to a file, so a test can wait for a
 * line (woken by the line itself, not by polling), grep for secrets or count errors; {@link
 * #kill()} is SIGKILL and {@link #terminate} SIGTERM.
 */
final class ChildServer implements AutoCloseable {

  private final ServerLaunch server;
  private final Process process;
  private final Path log;
  private final List<String> lines = new ArrayList<>(); // guarded by itself
  private final List<LineWaiter> waiters = new ArrayList<>(); // guarded by lines
  private boolean logEnded; // guarded by lines
  private final CompletableFuture<Void> logEnd = new CompletableFuture<>();

  /**
   * A test waiting for the {@code count}-th line matching {@code pattern}: completed with that
   * line, or with null when the log ends first.
   */
  private static final class LineWaiter {
    final Pattern pattern;
    final CompletableFuture<String> line = new CompletableFuture<>();
    int count;

    LineWaiter(Pattern pattern, int count) {
      this.pattern = pattern;
      this.count = count;
    }

    /** True when {@code next} was the awaited line. */
    boolean offer(String next) {
      return pattern.matcher(next).find() && --count == 0 && line.complete(next);
    }
  }

  private ChildServer(ServerLaunch server, Path log) {
    this.server = server;
    this.process = server.process();
    this.log = log;
  }

  /**
   * Starts the server on {@code corpus} and {@code index}. Only {@code env} reaches it of the
   * {@code ASKDOCS_}/{@code SLACK_} variables; the log is appended to {@code log}.
   */
  static ChildServer start(Path corpus, Path index, Map<String, String> env, Path log) {
    return start(corpus, index, env, log, List.of());
  }

  /** As {@link #start(Path, Path, Map, Path)}, with extra JVM options such as log levels. */
  static ChildServer start(
      Path corpus, Path index, Map<String, String> env, Path log, List<String> jvmOptions) {
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Xmx768m");
    ChildServer server =
        new ChildServer(
            ServerLaunch.start(corpus, index, options, env, ProcessBuilder.Redirect.PIPE), log);
    Thread logReader = new Thread(server::readLog, "child-server-log");
    logReader.setDaemon(true);
    logReader.start();
    return server;
  }

  /** Appends each line of stderr to the log file and hands it to the tests waiting for it. */
  private void readLog() {
    try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      for (String read = r.readLine(); read != null; read = r.readLine()) {
        String line = read;
        out.write(line);
        out.write('\n');
        out.flush();
        synchronized (lines) {
          lines.add(line);
          waiters.removeIf(w -> w.offer(line));
        }
      }
    } catch (IOException e) {
      // The process was killed mid-line, or the log file could not be written: the log ends here.
    } finally {
      synchronized (lines) {
        logEnded = true;
        waiters.forEach(w -> w.line.complete(null));
        waiters.clear();
      }
      logEnd.complete(null);
    }
  }

  /** The HTTP port, once the server listens. */
  int port(Duration timeout) {
    try {
      return server.port(timeout);
    } catch (AskdocsException e) {
      throw new IllegalStateException(e.getMessage() + "\n" + log(), e);
    }
  }

  /**
   * Everything this process logged so far; once it has exited, all of it (the rest of its stderr is
   * read first).
   */
  String log() {
    if (!process.isAlive()) {
      try {
        logEnd.get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the server's log did not end", e);
      }
    }
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /**
   * Waits until this process logs a line matching {@code pattern} (or has logged one already), and
   * returns that line; empty when the log ended (the process exited) or the time ran out first.
   */
  Optional<String> awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
    return awaitLine(pattern, 1, timeout);
  }

  /**
   * Waits until this process has logged {@code count} lines matching {@code pattern}, and returns
   * the last of them; empty when the log ended (the process exited) or the time ran out first. The
   * caller is woken by the line itself, within the moment it takes to read it.
   */
  Optional<String> awaitLine(Pattern pattern, int count, Duration timeout)
      throws InterruptedException {
    LineWaiter waiter = new LineWaiter(pattern, count);
    synchronized (lines) {
      for (String line : lines) {
        if (waiter.offer(line)) {
          return Optional.of(line);
        }
      }
      if (logEnded) {
        return Optional.empty();
      }
      waiters.add(waiter);
    }
    try {
      return Optional.ofNullable(waiter.line.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      synchronized (lines) {
        waiters.remove(waiter);
      }
    }
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Live threads of the server, from /proc; empty where there is no /proc. */
  OptionalLong threads() {
    return server.threads();
  }

  /** SIGKILL: the process dies at once, mid-write if it was writing. */
  void kill() throws InterruptedException {
    server.kill();
  }

  /** SIGTERM, then waits for the exit; returns the exit code, or -1 if it did not exit in time. */
  int terminate(Duration timeout) throws InterruptedException {
    return server.terminate(timeout);
  }

  @Override
  public void close() {
    server.close();
  }
}
