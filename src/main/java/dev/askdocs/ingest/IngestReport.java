package dev.askdocs.ingest;

import java.util.List;

/**
 * What one ingest run did.
 *
 * @param files supported and unsupported files found in the corpus folder
 * @param added new documents indexed
 * @param updated changed documents re-indexed
 * @param unchanged documents skipped because their content hash was unchanged
 * @param deleted documents removed because their file is gone
 * @param chunksEmbedded chunks sent to the embedding model
 * @param skipped files that could not be used, with the reason
 */
public record IngestReport(
    int files,
    int added,
    int updated,
    int unchanged,
    int deleted,
    int chunksEmbedded,
    List<SkippedFile> skipped,
    long durationMs) {

  public IngestReport {
    skipped = List.copyOf(skipped);
  }

  /** What several runs did together, as one report. */
  public static IngestReport sum(List<IngestReport> reports) {
    int files = 0, added = 0, updated = 0, unchanged = 0, deleted = 0, chunks = 0;
    long ms = 0;
    List<SkippedFile> skipped = new java.util.ArrayList<>();
    for (IngestReport r : reports) {
      files += r.files;
      added += r.added;
      updated += r.updated;
      unchanged += r.unchanged;
      deleted += r.deleted;
      chunks += r.chunksEmbedded;
      ms += r.durationMs;
      skipped.addAll(r.skipped);
    }
    return new IngestReport(files, added, updated, unchanged, deleted, chunks, skipped, ms);
  }

  /** A file left out of the index. */
  public record SkippedFile(String source, String reason) {}

  /** One line for logs and the CLI. */
  public String summary() {
    return String.format(
        "%d files: %d added, %d updated, %d unchanged, %d deleted, %d skipped; %d chunks embedded"
            + " in %.1f s",
        files,
        added,
        updated,
        unchanged,
        deleted,
        skipped.size(),
        chunksEmbedded,
        durationMs / 1000.0);
  }
}
