package dev.askdocs.ingest;

import dev.askdocs.AskdocsException;
import dev.askdocs.chunk.Chunk;
import dev.askdocs.chunk.Chunker;
import dev.askdocs.config.IndexSettings;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.LuceneVectorCache;
import dev.askdocs.index.ChunkIndex;
import dev.askdocs.index.ChunkWriter;
import dev.askdocs.index.DocumentCatalogue;
import dev.askdocs.index.DocumentSummary;
import dev.askdocs.index.IndexedDocument;
import dev.askdocs.index.WriteLease;
import dev.askdocs.load.DocumentLoadException;
import dev.askdocs.load.DocumentLoaders;
import dev.askdocs.load.LoadedDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the index in line with a folder: new and changed files (by content hash) are loaded,
 * chunked, embedded and upserted; unchanged files cost one hash; files that vanished are deleted.
 * Files that cannot be read are skipped with a reason and never stop the run.
 *
 * <p>The stages overlap, so the embedding model, the slowest stage, never waits for the others: a
 * reader thread hashes, loads and chunks files ahead of the model; the calling thread embeds chunks
 * of several documents at once; {@link #DEFAULT_INDEXERS} indexer threads (unless told otherwise)
 * upsert them, and one of them commits every few seconds. Bounded queues between the stages keep
 * memory flat. Not thread-safe: one ingest at a time per index, which {@link
 * ChunkIndex#claimWriter()} enforces across processes. Interrupting the calling thread stops the
 * run at the next batch; what was embedded is indexed and committed, the rest is done next time.
 */
public final class Ingestor {
  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

  /**
   * Indexer threads unless told otherwise: one per core, up to 4. They matter when vectors are
   * cheap (a vector cache), since each builds the HNSW graph links of what it upserts on its own
   * core. When the model is the bottleneck they cost nothing: batches arrive one at a time, the
   * spare indexers sleep in the queue's take() without using a core, and Lucene gives the busy one
   * the fullest free in-memory segment, so segments do not get smaller either. The cap: indexers
   * busy at once share one RAM buffer, each filling its own segment, so many of them flush many
   * small segments for the merges to rebuild.
   */
  public static final int DEFAULT_INDEXERS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private final DocumentLoaders loaders;
  private final Chunker chunker;
  private final Embedder embedder;
  private final ChunkWriter writer;
  private final DocumentCatalogue catalogue;
  private final Clock clock;
  private final boolean titleInEmbedding;
  private final LuceneVectorCache sentenceVectors;
  private final boolean pooledSentences;
  private final int indexers;
  private final int commitEveryFiles;

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
    this(loaders, chunker, embedder, index, clock, titleInEmbedding, null);
  }

  /**
   * @param sentenceVectors where the vectors of every chunk's sentences are put as they are
   *     ingested, for the answerer (null: sentences are embedded when a question needs them)
   */
  public Ingestor(
      DocumentLoaders loaders,
      Chunker chunker,
      Embedder embedder,
      ChunkIndex index,
      Clock clock,
      boolean titleInEmbedding,
      LuceneVectorCache sentenceVectors) {
    this(
        loaders,
        chunker,
        embedder,
        index,
        index,
        clock,
        titleInEmbedding,
        sentenceVectors,
        DEFAULT_INDEXERS,
        0);
  }

  /**
   * @param writer where the chunks go
   * @param catalogue the documents {@code writer} holds, to compare the folder with
   * @param indexers threads that upsert embedded chunks into the index, at least 1
   * @param commitEveryFiles besides every ten seconds, commit each time this many files were
   *     indexed since the last commit; 0 for time only
   */
  public Ingestor(
      DocumentLoaders loaders,
      Chunker chunker,
      Embedder embedder,
      ChunkWriter writer,
      DocumentCatalogue catalogue,
      Clock clock,
      boolean titleInEmbedding,
      LuceneVectorCache sentenceVectors,
      int indexers,
      int commitEveryFiles) {
    this(
        loaders,
        chunker,
        embedder,
        writer,
        catalogue,
        clock,
        titleInEmbedding,
        sentenceVectors,
        IndexSettings.defaults().pooledSentenceVectors(),
        indexers,
        commitEveryFiles);
  }

  /**
   * @param pooledSentences take each sentence's vector from its chunk's model run rather than a run
   *     of its own ({@code ASKDOCS_SENTENCE_VECTORS}; see {@link ChunkSentences#embed})
   */
  public Ingestor(
      DocumentLoaders loaders,
      Chunker chunker,
      Embedder embedder,
      ChunkWriter writer,
      DocumentCatalogue catalogue,
      Clock clock,
      boolean titleInEmbedding,
      LuceneVectorCache sentenceVectors,
      boolean pooledSentences,
      int indexers,
      int commitEveryFiles) {
    if (indexers < 1) {
      throw new IllegalArgumentException("indexers must be at least 1, not " + indexers);
    }
    if (commitEveryFiles < 0) {
      throw new IllegalArgumentException("commitEveryFiles must not be negative");
    }
    this.indexers = indexers;
    this.commitEveryFiles = commitEveryFiles;
    this.sentenceVectors = sentenceVectors;
    this.pooledSentences = pooledSentences;
    this.loaders = loaders;
    this.chunker = chunker;
    this.embedder = embedder;
    this.writer = writer;
    this.catalogue = catalogue;
    this.clock = clock;
    this.titleInEmbedding = titleInEmbedding;
  }

  /**
   * Embeds chunks as a corpus ingest does: their vectors, in order, and their sentences' vectors
   * put into the sentence-vector cache, which is committed (without a cache, the chunks only). For
   * documents added outside a corpus ingest.
   *
   * @param texts what the model sees of each chunk ({@link Prepared#embeddingTexts()})
   */
  List<float[]> embed(List<Chunk> chunks, List<String> texts) {
    List<float[]> vectors =
        ChunkSentences.embed(chunks, texts, embedder, sentenceVectors, pooledSentences);
    if (sentenceVectors != null) {
      sentenceVectors.commit();
    }
    return vectors;
  }

  /** Ingests {@code corpusDir} incrementally and commits. */
  public IngestReport ingest(Path corpusDir) {
    return ingest(corpusDir, file -> true, IngestProgress.untracked(clock));
  }

  /**
   * Ingests {@code corpusDir} incrementally and commits, reporting as it goes.
   *
   * @param settled whether a listed file may be read now; a file it refuses (one still being
   *     written) keeps the version indexed before, if any, and is neither read nor deleted
   * @param progress updated as the run goes on
   */
  public IngestReport ingest(Path corpusDir, Predicate<Path> settled, IngestProgress progress) {
    return ingest(Source.of(corpusDir), settled, progress);
  }

  /**
   * Ingests one source folder incrementally and commits: only the documents that folder owns in its
   * collection are compared with it, so other folders and collections are left alone.
   */
  public IngestReport ingest(Source src, Predicate<Path> settled, IngestProgress progress) {
    Path corpusDir = src.folder();
    if (!Files.isDirectory(corpusDir)) {
      throw new AskdocsException("corpus folder not found: " + corpusDir.toAbsolutePath());
    }
    try (WriteLease lease = writer.claimWriter()) {
      return ingestClaimed(src, settled, progress);
    }
  }

  private IngestReport ingestClaimed(Source src, Predicate<Path> settled, IngestProgress progress) {
    Path corpusDir = src.folder();
    long started = clock.millis();
    Map<String, DocumentSummary> indexed = new HashMap<>();
    for (DocumentSummary d : catalogue.documents(src.scope())) {
      indexed.put(d.id(), d);
    }
    List<Path> files = listFiles(corpusDir);
    Set<String> present = new HashSet<>();
    IngestPipeline pipeline =
        new IngestPipeline(
            embedder,
            writer,
            sentenceVectors,
            pooledSentences,
            clock,
            files.size(),
            indexers,
            commitEveryFiles);
    progress.indexing(files.size(), pipeline::filesDone);
    boolean complete =
        pipeline.run(
            () -> {
              for (Path file : files) {
                if (pipeline.stopping()) {
                  return;
                }
                String source = src.sourceOf(file);
                String id = src.documentId(source);
                present.add(id);
                if (settled.test(file)) {
                  read(file, source, id, src.collection(), indexed.get(id), pipeline);
                } else {
                  // Still being written: what was indexed stays until the file settles.
                  pipeline.unchanged();
                }
              }
            });
    progress.committing();
    int deleted = 0;
    for (DocumentSummary d : indexed.values()) {
      // After an interruption, files not yet visited are not known to be gone.
      if (complete && !present.contains(d.id())) {
        writer.delete(d.id());
        deleted++;
        LOG.info("removed {}: file is gone", d.source());
      }
    }
    if (sentenceVectors != null) {
      sentenceVectors.commit();
    }
    writer.commit();
    if (!complete) {
      LOG.warn(
          "ingest interrupted after {} of {} files; the rest is done next time",
          pipeline.filesDone(),
          files.size());
    }
    IngestReport report = pipeline.report(deleted, clock.millis() - started);
    LOG.info("ingest of {} ({}): {}", corpusDir, src.collection(), report.summary());
    if (pipeline.interrupted()) {
      Thread.currentThread().interrupt();
    }
    return report;
  }

  /** The reader stage for one file: hash, compare, load, chunk, and hand over. */
  private void read(
      Path file,
      String source,
      String id,
      String collection,
      DocumentSummary old,
      IngestPipeline out) {
    String hash;
    try {
      hash = ContentHashes.ofFile(file);
    } catch (IOException e) {
      out.skip(source, "cannot read file: " + e.getMessage());
      return;
    }
    if (old != null && old.contentHash().equals(hash)) {
      out.unchanged();
      return;
    }
    Prepared p;
    try {
      p = prepare(file, source, id, hash, collection);
    } catch (DocumentLoadException e) {
      String kept = old == null ? "" : " (the previously indexed version is kept)";
      out.skip(source, e.getMessage() + kept);
      return;
    }
    out.add(p.document(), p.chunks(), p.embeddingTexts(), old != null);
  }

  /**
   * Loads and chunks one file as every ingest does: the document as it will be indexed, its chunks,
   * and what the model embeds for each.
   *
   * @throws DocumentLoadException when the file cannot be loaded (see {@link DocumentLoaders#load})
   */
  Prepared prepare(Path file, String source, String id, String hash) {
    return prepare(file, source, id, hash, IndexedDocument.DEFAULT_COLLECTION);
  }

  /** {@link #prepare(Path, String, String, String)} for a document of {@code collection}. */
  Prepared prepare(Path file, String source, String id, String hash, String collection) {
    LoadedDocument loaded = loaders.load(file);
    Cut cut = cut(loaded, id, chunker, embedder::countTokens, titleInEmbedding);
    List<Chunk> chunks = cut.chunks();
    IndexedDocument doc =
        new IndexedDocument(
            id,
            source,
            loaded.title(),
            loaded.text(),
            hash,
            loaded.pageStarts(),
            clock.instant(),
            chunks.size(),
            collection,
            loaded.url());
    return new Prepared(doc, chunks, cut.embeddingTexts());
  }

  /**
   * A loaded document cut into chunks as every ingest cuts it, with what the model embeds for each:
   * with {@code titleInEmbedding}, the title in front and room left for it in every chunk.
   */
  public static Cut cut(
      LoadedDocument loaded,
      String id,
      Chunker chunker,
      ToIntFunction<String> countTokens,
      boolean titleInEmbedding) {
    String prefix = titleInEmbedding ? embeddingPrefix(loaded.title()) : "";
    int reserved = prefix.isEmpty() ? 0 : countTokens.applyAsInt(prefix);
    List<Chunk> chunks = chunker.split(id, loaded, reserved);
    return new Cut(chunks, embeddingTexts(chunks, prefix));
  }

  /** A document's chunks and, in the same order, the text the model embeds for each. */
  public record Cut(List<Chunk> chunks, List<String> embeddingTexts) {}

  /** The loaders this ingestor reads files with. */
  DocumentLoaders loaders() {
    return loaders;
  }

  /** One file loaded and chunked, not yet embedded. */
  record Prepared(IndexedDocument document, List<Chunk> chunks, List<String> embeddingTexts) {}

  /**
   * The files under {@code dir}, named under {@code dir}. The walk starts at its real path: a walk
   * does not enter a symbolic link, so a corpus folder reached through one looked empty, and every
   * document in it was removed as gone.
   */
  private static List<Path> listFiles(Path dir) {
    try {
      Path real = dir.toRealPath();
      try (Stream<Path> walk = Files.walk(real)) {
        return walk.filter(Files::isRegularFile)
            .map(p -> dir.resolve(real.relativize(p).toString()))
            .filter(p -> !isHidden(dir.relativize(p)))
            .sorted()
            .toList();
      }
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

  /** What the model sees: the title prefix, unless the chunk already starts with the title. */
  private static List<String> embeddingTexts(List<Chunk> chunks, String prefix) {
    String title = prefix.strip();
    return chunks.stream()
        .map(c -> prefix.isEmpty() || c.text().startsWith(title) ? c.text() : prefix + c.text())
        .toList();
  }
}
