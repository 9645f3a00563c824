package dev.askdocs.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the ingest runs of this process did, added up since start, for metrics: documents by
 * outcome, chunks embedded, runs, and skipped files by a coarse reason (a few fixed values, so that
 * a metric's labels stay bounded whatever the files say). Thread-safe.
 */
public final class IngestTotals {
  /** Document outcomes: {@code added}, {@code updated}, {@code unchanged}, {@code deleted}. */
  public static final List<String> OUTCOMES = List.of("added", "updated", "unchanged", "deleted");

  /** Skip reasons, see {@link #reasonOf}. */
  public static final List<String> SKIP_REASONS =
      List.of("unreadable", "unsupported", "too_large", "timeout", "failed");

  private final LongAdder runs = new LongAdder();
  private final LongAdder chunks = new LongAdder();
  private final Map<String, LongAdder> documents = adders(OUTCOMES);
  private final Map<String, LongAdder> skipped = adders(SKIP_REASONS);

  private static Map<String, LongAdder> adders(List<String> keys) {
    Map<String, LongAdder> m = new LinkedHashMap<>();
    keys.forEach(k -> m.put(k, new LongAdder()));
    return Map.copyOf(m);
  }

  /** Adds one finished run. */
  public void add(IngestReport report) {
    runs.increment();
    chunks.add(report.chunksEmbedded());
    documents.get("added").add(report.added());
    documents.get("updated").add(report.updated());
    documents.get("unchanged").add(report.unchanged());
    documents.get("deleted").add(report.deleted());
    for (IngestReport.SkippedFile s : report.skipped()) {
      skipped.get(reasonOf(s.reason())).increment();
    }
  }

  /** The coarse reason of a skip's message: one of {@link #SKIP_REASONS}. */
  static String reasonOf(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (m.startsWith("cannot read file")) {
      return "unreadable";
    }
    if (m.contains("unsupported") || m.contains("not supported")) {
      return "unsupported";
    }
    if (m.contains("too large") || m.contains("larger than") || m.contains("bomb")) {
      return "too_large";
    }
    if (m.contains("took longer than")) {
      return "timeout";
    }
    return "failed";
  }

  public long runs() {
    return runs.sum();
  }

  public long chunks() {
    return chunks.sum();
  }

  /** Documents with {@code outcome}, one of {@link #OUTCOMES}. */
  public long documents(String outcome) {
    return documents.get(outcome).sum();
  }

  /** Files skipped for {@code reason}, one of {@link #SKIP_REASONS}. */
  public long skipped(String reason) {
    return skipped.get(reason).sum();
  }
}
