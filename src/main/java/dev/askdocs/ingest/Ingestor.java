package dev.askdocs.ingest;

import dev.askdocs.AskdocsException;
import dev.askdocs.chunk.Chunk;
import dev.askdocs.chunk.Chunker;
import dev.askdocs.embed.Embedder;
import dev.askdocs.index.ChunkIndex;
import dev.askdocs.index.DocumentSummary;
import dev.askdocs.index.IndexedDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the index in line with a folder: new and changed files (by content hash) are loaded,
 * chunked, embedded and upserted; unchanged files cost one hash; files that vanished are deleted.
 * Files that cannot be read are skipped with a reason and never stop the run. Chunks of several
 * small documents are embedded together, and changes are committed in batches. Not thread-safe: one
 * ingest at a time per index.
 */
public final class Ingestor {
  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);
  private static final int EMBED_BATCH_CHUNKS = 64;
  private static final int COMMIT_EVERY_DOCUMENTS = 64;

  private final DocumentLoaders loaders;
  private final Chunker chunker;
  private final Embedder embedder;
  private final ChunkIndex index;
  private final Clock clock;
  private final boolean titleInEmbedding;

  /**
   * @param titleInEmbedding embed each chunk with its document's title in front (the title is not
   *     part of the chunk's text): a passage deep in a document then still says what it is about
   */
  public Ingestor(
      DocumentLoaders loaders,
      Chunker chunker,
      Embedder embedder,
      ChunkIndex index,
      Clock clock,
      boolean titleInEmbedding) {
    this.loaders = loaders;
    this.chunker = chunker;
    this.embedder = embedder;
    this.index = index;
    this.clock = clock;
    this.titleInEmbedding = titleInEmbedding;
  }

  /** Ingests {@code corpusDir} incrementally and commits. */
  public IngestReport ingest(Path corpusDir) {
    if (!Files.isDirectory(corpusDir)) {
      throw new AskdocsException("corpus folder not found: " + corpusDir.toAbsolutePath());
    }
    long started = clock.millis();
    Map<String, DocumentSummary> indexed = new HashMap<>();
    for (DocumentSummary d : index.documents()) {
      indexed.put(d.id(), d);
    }
    List<Path> files = listFiles(corpusDir);
    Run run = new Run(files.size(), started);
    Set<String> present = new HashSet<>();
    boolean interrupted = false;
    for (Path file : files) {
      if (Thread.currentThread().isInterrupted()) {
        interrupted = true;
        LOG.warn(
            "ingest interrupted after {} of {} files; the rest is done next time",
            run.filesDone,
            files.size());
        break;
      }
      String source = sourceOf(corpusDir, file);
      String id = ContentHashes.documentId(source);
      present.add(id);
      ingestFile(file, source, id, indexed.get(id), run);
    }
    run.flush();
    for (DocumentSummary d : indexed.values()) {
      // After an interruption, files not yet visited are not known to be gone.
      if (!interrupted && !present.contains(d.id())) {
        index.delete(d.id());
        run.deleted++;
        LOG.info("removed {}: file is gone", d.source());
      }
    }
    index.commit();
    IngestReport report = run.report(clock.millis() - started);
    LOG.info("ingest of {}: {}", corpusDir, report.summary());
    return report;
  }

  private void ingestFile(Path file, String source, String id, DocumentSummary old, Run run) {
    String hash;
    try {
      hash = ContentHashes.ofFile(file);
    } catch (IOException e) {
      run.skip(source, "cannot read file: " + e.getMessage());
      return;
    }
    if (old != null && old.contentHash().equals(hash)) {
      run.unchanged++;
      run.filesDone++;
      return;
    }
    LoadedDocument loaded;
    try {
      loaded = loaders.load(file);
    } catch (DocumentLoadException e) {
      String kept = old == null ? "" : " (the previously indexed version is kept)";
      run.skip(source, e.getMessage() + kept);
      return;
    }
    String prefix = titleInEmbedding ? embeddingPrefix(loaded.title()) : "";
    int reserved = prefix.isEmpty() ? 0 : embedder.countTokens(prefix);
    List<Chunk> chunks = chunker.split(id, loaded.text(), loaded::pageAt, reserved);
    IndexedDocument doc =
        new IndexedDocument(
            id,
            source,
            loaded.title(),
            loaded.text(),
            hash,
            loaded.pageStarts(),
            clock.instant(),
            chunks.size());
    run.pending.add(new Pending(doc, chunks, prefix, old != null));
    run.pendingChunks += chunks.size();
    if (run.pendingChunks >= EMBED_BATCH_CHUNKS) {
      run.flush();
    }
  }

  private static List<Path> listFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !isHidden(dir.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Dot-files and dot-folders (.git, .DS_Store, editor swap files) are not documents. */
  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static String sourceOf(Path corpusDir, Path file) {
    return corpusDir.relativize(file).toString().replace('\\', '/');
  }

  /** The title as embedded before each chunk: at most a dozen words, so chunks keep their room. */
  static String embeddingPrefix(String title) {
    String[] words = title.strip().split("\\s+");
    String shortTitle =
        String.join(" ", java.util.Arrays.asList(words).subList(0, Math.min(12, words.length)));
    return shortTitle.isEmpty() ? "" : shortTitle + "\n";
  }

  private record Pending(
      IndexedDocument document, List<Chunk> chunks, String prefix, boolean replaces) {
    /** What the model sees: the title prefix, unless the chunk already starts with the title. */
    List<String> embeddingTexts() {
      String title = prefix.strip();
      return chunks.stream()
          .map(c -> prefix.isEmpty() || c.text().startsWith(title) ? c.text() : prefix + c.text())
          .toList();
    }
  }

  /** Counters and the embedding batch of one run. */
  private final class Run {
    final int files;
    final long started;
    final List<Pending> pending = new ArrayList<>();
    final List<IngestReport.SkippedFile> skipped = new ArrayList<>();
    int pendingChunks;
    int added;
    int updated;
    int unchanged;
    int deleted;
    int chunksEmbedded;
    int filesDone;
    int sinceCommit;
    long lastProgress;

    Run(int files, long started) {
      this.files = files;
      this.started = started;
      this.lastProgress = started;
    }

    void skip(String source, String reason) {
      skipped.add(new IngestReport.SkippedFile(source, reason));
      filesDone++;
      LOG.warn("skipped {}: {}", source, reason);
    }

    void flush() {
      if (pending.isEmpty()) {
        return;
      }
      List<String> texts = new ArrayList<>(pendingChunks);
      pending.forEach(p -> texts.addAll(p.embeddingTexts()));
      List<float[]> vectors = embedder.embedAll(texts);
      int at = 0;
      for (Pending p : pending) {
        int n = p.chunks().size();
        index.upsert(p.document(), p.chunks(), vectors.subList(at, at + n));
        at += n;
        if (p.replaces()) {
          updated++;
        } else {
          added++;
        }
        filesDone++;
        sinceCommit++;
      }
      chunksEmbedded += texts.size();
      pending.clear();
      pendingChunks = 0;
      if (sinceCommit >= COMMIT_EVERY_DOCUMENTS) {
        index.commit();
        sinceCommit = 0;
      }
      progress();
    }

    private void progress() {
      long now = clock.millis();
      if (now - lastProgress >= 2000) {
        lastProgress = now;
        double seconds = Math.max(0.001, (now - started) / 1000.0);
        LOG.info(
            "ingest: {}/{} files, {} chunks embedded, {} chunks/s",
            filesDone,
            files,
            chunksEmbedded,
            String.format("%.1f", chunksEmbedded / seconds));
      }
    }

    IngestReport report(long durationMs) {
      return new IngestReport(
          files, added, updated, unchanged, deleted, chunksEmbedded, skipped, durationMs);
    }
  }
}
