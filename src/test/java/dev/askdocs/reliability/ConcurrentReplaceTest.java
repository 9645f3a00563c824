package dev.askdocs.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.chunk.Chunk;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.ModelInfo;
import dev.askdocs.index.IndexedDocument;
import dev.askdocs.index.lucene.LuceneChunkIndex;
import dev.askdocs.retrieve.Fusion;
import dev.askdocs.retrieve.HybridRetriever;
import dev.askdocs.retrieve.Retrieval;
import dev.askdocs.retrieve.RetrievalMode;
import dev.askdocs.retrieve.ScoredChunk;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Questions retrieved while a writer keeps replacing and deleting documents (committing after each
 * change): no retrieval fails, and none ever shows a document in two versions, or a version with
 * chunks missing. Each version of a document has its own number of chunks and says its version in
 * every chunk, so a mix is visible. Real Lucene; a deterministic stand-in for the model, since what
 * is tested is the index and the retriever, not the embedding.
 */
class ConcurrentReplaceTest {
  private static final int DOCUMENTS = 12;
  private static final int DIMENSION = 8;
  private static final int CHANGES = 100;
  private static final Pattern VERSION = Pattern.compile("version (\\d+) part");

  @TempDir Path tmp;

  @Test
  void queries_never_see_a_half_replaced_document_and_never_fail() throws Exception {
    try (LuceneChunkIndex index = LuceneChunkIndex.open(tmp, "stand-in", DIMENSION)) {
      for (int d = 0; d < DOCUMENTS; d++) {
        index.upsert(document(d, 0), chunks(d, 0), vectors(chunks(d, 0)));
      }
      index.commit();
      HybridRetriever retriever =
          new HybridRetriever(index, new StandIn(), 50, Fusion.parse("convex:0.3"));
      AtomicBoolean writing = new AtomicBoolean(true);
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      AtomicInteger queries = new AtomicInteger();
      List<Thread> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        RetrievalMode mode = RetrievalMode.values()[r % RetrievalMode.values().length];
        Thread t =
            new Thread(
                () -> {
                  while (writing.get()) {
                    try {
                      check(retriever.retrieve("marker version part", 50, mode), problems);
                      queries.incrementAndGet();
                    } catch (RuntimeException e) {
                      problems.add("retrieval failed: " + e);
                    }
                  }
                });
        t.start();
        readers.add(t);
      }
      Random random = new Random(7);
      int[] versions = new int[DOCUMENTS];
      for (int i = 0; i < CHANGES; i++) {
        int d = random.nextInt(DOCUMENTS);
        if (random.nextInt(5) == 0) {
          index.delete(id(d));
        } else {
          int v = ++versions[d];
          index.upsert(document(d, v), chunks(d, v), vectors(chunks(d, v)));
        }
        index.commit();
      }
      writing.set(false);
      for (Thread t : readers) {
        t.join();
      }
      System.out.printf(
          "concurrent replace: %d changes committed, %d retrievals checked%n",
          CHANGES, queries.get());
      assertThat(queries.get()).isPositive();
      assertThat(problems).isEmpty();
    }
  }

  /**
   * All passages of one document come from one version, and a keyword-complete version is whole.
   */
  private static void check(Retrieval r, ConcurrentLinkedQueue<String> problems) {
    Map<String, List<Integer>> versionsByDoc = new HashMap<>();
    for (ScoredChunk p : r.passages()) {
      Matcher m = VERSION.matcher(p.chunk().text());
      if (!m.find()) {
        problems.add("no version in " + p.chunk().text());
        continue;
      }
      versionsByDoc
          .computeIfAbsent(p.chunk().documentId(), k -> new ArrayList<>())
          .add(Integer.parseInt(m.group(1)));
    }
    versionsByDoc.forEach(
        (doc, versions) -> {
          if (Collections.min(versions) != Collections.max(versions)) {
            problems.add(doc + " seen in versions " + versions);
          }
        });
  }

  private static String id(int d) {
    return String.format("%016x", d + 1);
  }

  /** Version v of document d has 1 + (v mod 4) chunks. */
  private static List<Chunk> chunks(int d, int v) {
    List<Chunk> out = new ArrayList<>();
    int n = 1 + v % 4;
    for (int i = 0; i < n; i++) {
      String text = "marker document " + d + " version " + v + " part " + i + ".";
      out.add(new Chunk(Chunk.idOf(id(d), i), id(d), i, text, 0, text.length(), null));
    }
    return out;
  }

  private static IndexedDocument document(int d, int v) {
    String text = String.join(" ", chunks(d, v).stream().map(Chunk::text).toList());
    return new IndexedDocument(
        id(d),
        "doc-" + d + ".txt",
        "Document " + d,
        text,
        "h" + v,
        List.of(),
        Instant.EPOCH,
        chunks(d, v).size());
  }

  private static List<float[]> vectors(List<Chunk> chunks) {
    StandIn model = new StandIn();
    return chunks.stream().map(c -> model.embed(c.text())).toList();
  }

  /** Unit vectors from the text's hash: the same text, the same vector. */
  private static final class StandIn implements Embedder {
    @Override
    public ModelInfo model() {
      return new ModelInfo("stand-in", DIMENSION, 126);
    }

    @Override
    public int countTokens(String text) {
      return text.split("\\s+").length;
    }

    @Override
    public float[] embed(String text) {
      Random r = new Random(text.hashCode());
      float[] v = new float[DIMENSION];
      double norm = 0;
      for (int i = 0; i < DIMENSION; i++) {
        v[i] = 0.5f + r.nextFloat();
        norm += v[i] * v[i];
      }
      for (int i = 0; i < DIMENSION; i++) {
        v[i] /= (float) Math.sqrt(norm);
      }
      return v;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      return texts.stream().map(this::embed).toList();
    }

    @Override
    public void close() {
      // nothing held
    }
  }
}
