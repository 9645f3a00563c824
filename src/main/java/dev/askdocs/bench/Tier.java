package dev.askdocs.bench;

import dev.askdocs.chunk.Chunk;
import dev.askdocs.chunk.Chunker;
import dev.askdocs.chunk.SentenceSplitter;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.LuceneVectorCache;
import dev.askdocs.index.lucene.IndexTuning;
import dev.askdocs.index.lucene.LuceneChunkIndex;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.ingest.Ingestor;
import dev.askdocs.load.DocumentLoaders;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A corpus folder and its index holding about {@code chunks} chunks of real text, kept in the work
 * folder and reused by later runs. Documents are SciFact abstracts, then the same abstracts with
 * their sentences shuffled (real sentences regrouped into new chunks, so new real embeddings),
 * until {@code uniqueVectors} distinct chunks; beyond that, copies of those documents under new
 * names, whose vectors are the originals' plus small noise ({@link CachedVectors}). The index is
 * built by the real ingest pipeline from the files, so a server started on the folder finds nothing
 * to do.
 *
 * @param embedSeconds time spent embedding texts the cache lacked (0 when all were cached)
 * @param buildSeconds the ingest with every vector already at hand: loading, chunking and Lucene
 */
record Tier(
    int target,
    Path corpus,
    Path index,
    int chunks,
    int uniqueChunks,
    int documents,
    double embedSeconds,
    double buildSeconds) {
  private static final Logger LOG = LoggerFactory.getLogger(Tier.class);

  /** Shuffled versions of the corpus before copies take over. */
  private static final int MAX_ROUNDS = 50;

  static Tier prepare(
      BenchOptions o,
      BeirCorpus source,
      int target,
      boolean quantized,
      Embedder model,
      CachedVectors cache) {
    String name = "tier-" + BenchOptions.label(target) + (quantized ? "-sq" : "");
    Path dir = o.workDir().resolve(name);
    Path meta = dir.resolve("tier.properties");
    Properties want = new Properties();
    want.setProperty("target", Integer.toString(target));
    want.setProperty("uniqueVectors", Integer.toString(o.uniqueVectors()));
    want.setProperty("model", model.modelName());
    want.setProperty("layout", "shuffled-sentences");
    // Tiers built before titles were embedded (cache keys without them) stay usable as they are.
    Tier kept = reuse(dir, meta, want);
    if (kept != null) {
      LOG.info("bench: reusing {} ({} chunks)", dir, kept.chunks());
      return kept;
    }
    Files2.deleteRecursively(dir);
    Chunker chunker = new Chunker(model::countTokens, model.maxTokens(), o.chunkOverlap());
    Written w =
        write(
            source,
            dir.resolve("corpus"),
            target,
            o.uniqueVectors(),
            chunker,
            model::countTokens,
            o.titleInEmbedding());
    LOG.info("bench: {} written: {} documents, {} chunks", name, w.documents, w.chunks);

    long t0 = System.nanoTime();
    List<String> unique = new ArrayList<>(w.uniqueTexts);
    for (int i = 0; i < unique.size(); i += 512) {
      cache.fill(unique.subList(i, Math.min(unique.size(), i + 512)));
      if (i % 8192 == 0 && i > 0) {
        LOG.info("bench: {}: {} of {} unique chunks embedded or cached", name, i, unique.size());
      }
    }
    double embedSeconds = (System.nanoTime() - t0) / 1e9;

    IndexTuning tuning =
        IndexTuning.defaults().withQuantizedVectors(quantized).withRamBufferMb(256);
    IngestReport report;
    try (LuceneChunkIndex index =
        LuceneChunkIndex.open(dir.resolve("index"), model.modelName(), model.dimension(), tuning)) {
      report =
          new Ingestor(
                  DocumentLoaders.standard(),
                  chunker,
                  cache,
                  index,
                  Clock.systemUTC(),
                  o.titleInEmbedding())
              .ingest(dir.resolve("corpus"));
    }
    Tier tier =
        new Tier(
            target,
            dir.resolve("corpus"),
            dir.resolve("index"),
            report.chunksEmbedded(),
            w.uniqueTexts.size(),
            report.added(),
            embedSeconds,
            report.durationMs() / 1000.0);
    tier.save(meta, want);
    return tier;
  }

  private static Tier reuse(Path dir, Path meta, Properties want) {
    if (!Files.isRegularFile(meta)) {
      return null;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(meta)) {
      p.load(r);
    } catch (IOException e) {
      return null; // unreadable: rebuilt
    }
    for (String k : want.stringPropertyNames()) {
      if (!want.getProperty(k).equals(p.getProperty(k))) {
        return null;
      }
    }
    return new Tier(
        Integer.parseInt(p.getProperty("target")),
        dir.resolve("corpus"),
        dir.resolve("index"),
        Integer.parseInt(p.getProperty("chunks")),
        Integer.parseInt(p.getProperty("uniqueChunks")),
        Integer.parseInt(p.getProperty("documents")),
        Double.parseDouble(p.getProperty("embedSeconds")),
        Double.parseDouble(p.getProperty("buildSeconds")));
  }

  private void save(Path meta, Properties want) {
    Properties p = new Properties();
    p.putAll(want);
    p.setProperty("chunks", Integer.toString(chunks));
    p.setProperty("uniqueChunks", Integer.toString(uniqueChunks));
    p.setProperty("documents", Integer.toString(documents));
    p.setProperty("embedSeconds", Double.toString(embedSeconds));
    p.setProperty("buildSeconds", Double.toString(buildSeconds));
    try (Writer w = Files.newBufferedWriter(meta)) {
      p.store(w, "askdocs bench tier; delete the folder to rebuild");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Written {
    final Set<String> uniqueTexts = new LinkedHashSet<>();
    int chunks;
    int documents;
  }

  /** Writes documents until they hold {@code target} chunks, as the chunker will cut them. */
  private static Written write(
      BeirCorpus source,
      Path dir,
      int target,
      int uniqueBudget,
      Chunker chunker,
      ToIntFunction<String> countTokens,
      boolean titleInEmbedding) {
    DocumentLoaders loaders = DocumentLoaders.standard();
    Written w = new Written();
    List<String> uniqueFiles = new ArrayList<>();
    List<Integer> uniqueChunks = new ArrayList<>();
    SentenceSplitter splitter = new SentenceSplitter();
    try {
      // Unique documents: round 0 is every abstract as it is; round r > 0 the same abstracts with
      // their sentences shuffled (seeded), which regroups them into new chunks. A document adding
      // no new chunk is left out. Folder names sort unique documents before copies, so that
      // ingest meets originals first.
      for (int r = 0;
          r < MAX_ROUNDS && w.chunks < target && w.uniqueTexts.size() < uniqueBudget;
          r++) {
        Path folder = Files.createDirectories(dir.resolve(String.format("1-unique-r%02d", r)));
        for (BeirCorpus.Document d : source.documents()) {
          List<String> sentences = new ArrayList<>();
          splitter.split(d.text()).forEach(span -> sentences.add(span.of(d.text())));
          if (r > 0) {
            Collections.shuffle(sentences, new Random(d.id().hashCode() * 31L + r));
          }
          String content = d.title() + "\n\n" + String.join(" ", sentences) + "\n";
          Path file = folder.resolve(d.id() + ".txt");
          Files.writeString(file, content);
          // Exactly what the ingest will embed (title in front, chunks cut to leave it room), so
          // that the vectors filled before the build are the ones it asks for.
          Ingestor.Cut cut =
              Ingestor.cut(loaders.load(file), "x", chunker, countTokens, titleInEmbedding);
          boolean adds = false;
          for (String text : cut.embeddingTexts()) {
            adds |= w.uniqueTexts.add(text);
          }
          if (!adds) {
            Files.delete(file);
            continue;
          }
          List<Chunk> chunks = cut.chunks();
          w.chunks += chunks.size();
          w.documents++;
          uniqueFiles.add(content);
          uniqueChunks.add(chunks.size());
          if (w.chunks >= target || w.uniqueTexts.size() >= uniqueBudget) {
            break;
          }
        }
      }
      // Copies, under new names, until the target.
      for (int k = 0; w.chunks < target && !uniqueFiles.isEmpty(); k++) {
        Path folder =
            Files.createDirectories(dir.resolve(String.format("2-copies-%03d", k / 10_000)));
        int i = k % uniqueFiles.size();
        w.chunks += uniqueChunks.get(i);
        w.documents++;
        Files.writeString(folder.resolve("copy-" + k + ".txt"), uniqueFiles.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w;
  }

  /**
   * Puts the vector of every sentence of every chunk into the index's sentence-vector cache, as an
   * ingest by the server would (the tier is built from cached chunk vectors, so its ingest did
   * not). The tier's chunks regroup the same real sentences, so there are few distinct ones to
   * embed.
   *
   * @return the distinct sentences, and the seconds spent
   */
  static double[] fillSentenceVectors(Tier tier, Embedder model, CachedVectors cache) {
    long t0 = System.nanoTime();
    Set<String> sentences = new LinkedHashSet<>();
    SentenceSplitter splitter = new SentenceSplitter();
    try (LuceneChunkIndex index =
        LuceneChunkIndex.open(tier.index(), model.modelName(), model.dimension())) {
      index.forEachChunk(
          (hit, vector) -> {
            String text = hit.chunk().text();
            splitter.split(text).forEach(s -> sentences.add(s.of(text)));
          });
    }
    try (LuceneVectorCache disk =
        LuceneVectorCache.open(
            tier.index().resolve(LuceneVectorCache.FOLDER), model.modelName(), model.dimension())) {
      List<String> missing = disk.missing(sentences);
      for (int i = 0; i < missing.size(); i += 512) {
        List<String> batch = missing.subList(i, Math.min(missing.size(), i + 512));
        cache.fill(batch);
        disk.addAll(batch, batch.stream().map(cache::vector).toList());
        if (i % 8192 == 0 && i > 0) {
          LOG.info("bench: {} of {} sentence vectors", i, missing.size());
        }
      }
      disk.commit();
    }
    return new double[] {sentences.size(), (System.nanoTime() - t0) / 1e9};
  }
}
