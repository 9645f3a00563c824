package dev.askdocs.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The bench runs of a repository, one JSON object a line ({@code docs/bench-history.jsonl}), so
 * that a regression shows against earlier commits. A line holds the commit, the time, the machine
 * (cores, memory, load average at start and end, Java), the command and the key figures: answer
 * latency p50/p99 per tier and client count, ingest chunks/s, start-up ms, recall. Lines are only
 * ever appended; {@link HistoryPlot} draws them. Not thread-safe: one bench run writes at a time.
 */
public final class BenchHistory {
  /** The figures kept in a line: the rest of a run stays in its own {@code --json} output. */
  static final Pattern KEY_FIGURES =
      Pattern.compile(
          "ask\\.\\d+[km]?\\.c(1|16)\\.p(50|99)Ms"
              + "|ask\\.\\d+[km]?\\.c16\\.requestsPerSec"
              + "|ingest\\.(pipeline|model)ChunksPerSec"
              + "|peer\\.ingest\\.(seconds|askdocsSeconds|speedup)"
              + "|startup\\.\\w+Ms"
              + "|scale\\.\\d+[km]?\\.recallAt10");

  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchHistory() {}

  /**
   * The line for {@code results}.
   *
   * @param commit the commit the running jar was built from ({@code Version.commit()})
   * @param command the bench's arguments as given
   * @param memoryMb the machine's memory, or a negative number when unknown
   */
  public static Map<String, Object> entry(
      Results results, String commit, String command, Instant when, double memoryMb) {
    Map<String, Object> all = results.asMap();
    Map<String, Object> machine = new LinkedHashMap<>();
    copy(all, "machine.cores", machine, "cores");
    if (memoryMb >= 0) {
      machine.put("memoryMb", Math.round(memoryMb));
    }
    copy(all, "machine.loadAverageAtStart", machine, "loadAtStart");
    copy(all, "machine.loadAverageAtEnd", machine, "loadAtEnd");
    copy(all, "machine.java", machine, "java");
    Map<String, Object> figures = new java.util.TreeMap<>();
    all.forEach(
        (k, v) -> {
          if (v instanceof Number && KEY_FIGURES.matcher(k).matches()) {
            figures.put(k, v);
          }
        });
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("commit", commit);
    line.put("date", when.toString());
    line.put("mode", all.get("bench.mode"));
    line.put("model", all.get("bench.model"));
    line.put("machine", machine);
    line.put("command", command);
    line.put("figures", figures);
    return line;
  }

  private static void copy(
      Map<String, Object> from, String key, Map<String, Object> to, String as) {
    Object v = from.get(key);
    if (v != null) {
      to.put(as, v);
    }
  }

  /** Appends {@code entry} as one line to {@code file}, creating the file and its folder. */
  public static void append(Path file, Map<String, Object> entry) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(
          file,
          JSON.writeValueAsString(entry) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  /** Every line of {@code file} in order; blank lines are skipped. */
  public static List<Map<String, Object>> read(Path file) {
    List<Map<String, Object>> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {}));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  /** The machine's memory in MB, or -1 where the JVM cannot tell. */
  public static double memoryMb() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize() / 1e6;
    }
    return -1;
  }
}
