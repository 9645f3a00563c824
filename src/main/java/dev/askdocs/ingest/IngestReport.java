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
