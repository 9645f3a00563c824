package dev.askdocs.cli;

import dev.askdocs.BadInputException;
import dev.askdocs.bench.LoadRoute;
import dev.askdocs.bench.Results;
import dev.askdocs.bench.Soak;
import dev.askdocs.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code askdocs load}: saturation and overload on loopback; docs/RELIABILITY.md. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Launch askdocs on 127.0.0.1 and ask each of --routes at saturation for --duration, then"
          + " send a burst larger than it admits. Prints latency percentiles, errors, refusals, and the"
          + " server's heap and threads before and after. Stops by itself."
    })
final class LoadCommand implements Callable<Integer> {
  @CommandLine.ParentCommand Cli parent;
  @CommandLine.Mixin Cli.Common common = new Cli.Common();

  @Option(
      names = "--duration",
      defaultValue = "10m",
      description = "How long to saturate: 30s, 10m (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(
      names = "--clients",
      defaultValue = "16",
      description = "Concurrent clients during the soak (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(
      names = "--burst",
      defaultValue = "200",
      description = "Concurrent clients of the overload burst (default: ${DEFAULT-VALUE}).")
  int burst;

  @Option(names = "--questions", description = "File of questions, one a line (default: titles).")
  Path questions;

  @Option(
      names = "--routes",
      defaultValue = "ask",
      description =
          "Routes to drive, one after the other, comma-separated: ask, chat, chat-stream,"
              + " completions, completions-stream (default: ${DEFAULT-VALUE}).")
  String routes;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(
      names = "--server-jvm-arg",
      description = "JVM option for the launched server, repeatable, e.g. --server-jvm-arg=-Xmx1g.")
  List<String> serverJvmArgs;

  @Override
  public Integer call() {
    Config c = common.apply(parent.config());
    List<LoadRoute> driven = LoadRoute.parse(routes);
    if (driven.isEmpty()) {
      throw new BadInputException("missing", "routes", "--routes names no route");
    }
    Results r =
        Soak.run(
            new Soak.Options(
                c.corpusDir(),
                c.indexDir(),
                c.embeddingModel().id(),
                parseDuration(duration),
                clients,
                burst,
                readQuestions(),
                serverJvmArgs != null ? serverJvmArgs : List.of(),
                c.indexDir().resolveSibling("load-server.log"),
                driven));
    System.out.println(json ? r.toJson() : r.toTable());
    return 0;
  }

  private List<String> readQuestions() {
    if (questions == null) {
      return List.of();
    }
    try {
      return Files.readAllLines(questions).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "30s", "10m", "1h" or ISO-8601 ("PT10M"). */
  static Duration parseDuration(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      if (n <= 0) {
        throw new NumberFormatException("not positive");
      }
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new BadInputException(
          "bad_value", "duration", "--duration must look like 30s, 10m or 1h, was '" + s + "'");
    }
  }
}
