package dev.askdocs.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.config.Config;
import dev.askdocs.index.DocumentSummary;
import dev.askdocs.index.lucene.LuceneChunkIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * askdocs killed with SIGKILL in the middle of ingesting a few hundred documents, at several
 * points, restarted each time: after every kill the index holds only whole documents (every chunk
 * of a document or none, no duplicate chunk, each document's text the file's), and the last start
 * finishes the ingest with every file indexed.
 *
 * <p>Each kill point is a count of the ingest's own progress, not a time: the server logs each
 * document it indexes (its pipeline's debug line) and commits every {@link #COMMIT_FILES} files,
 * and the test kills it the moment the chosen line is written. Every point lies at most halfway
 * through what that run has left to do, so on a fast machine or a busy one the kill lands
 * mid-ingest.
 */
class CrashRecoveryIT {
  private static final int DOCUMENTS = 300;
  private static final int COMMIT_FILES = 25;
  private static final Duration START = Duration.ofMinutes(3);
  private static final Pattern INDEXED = Pattern.compile("ingest: indexed \\d+/\\d+ files");
  private static final Pattern COMMITTED = Pattern.compile("ingest: committed \\d+/\\d+ files");
  private static final Pattern FINISHED = Pattern.compile("ingest of .*: ");

  /** The model the child server embeds with: the default one. */
  private static final String MODEL = Config.fromEnv(Map.of()).embeddingModel().id();

  private static final List<String> DEBUG_INGEST =
      List.of("-Daskdocs.log.debug=dev.askdocs.ingest.IngestPipeline");

  @TempDir Path tmp;

  /** Where a run is killed: the line of that run's log whose writing triggers the SIGKILL. */
  enum KillPoint {
    /** One of the first ten documents of the run is indexed, before any commit. */
    EARLY,
    /** Just after the run's first commit: a part of the corpus is durable, the rest in flight. */
    AFTER_COMMIT,
    /** A pseudo-random document of the first half of what the run has left. */
    RANDOM;

    /** The line to wait for and how many of it, given the documents not yet durable. */
    Trigger trigger(int remaining, Random random) {
      return switch (this) {
        case EARLY -> new Trigger(INDEXED, 1 + random.nextInt(10));
        case AFTER_COMMIT -> new Trigger(COMMITTED, 1);
        case RANDOM -> new Trigger(INDEXED, 1 + random.nextInt(remaining / 2));
      };
    }
  }

  /** The {@code count}-th line matching {@code line}. */
  record Trigger(Pattern line, int count) {}

  @Test
  void keeps_the_index_consistent_across_kills_and_finishes_the_ingest() throws Exception {
    Path corpus = writeCorpus(tmp.resolve("corpus"), DOCUMENTS);
    Path index = tmp.resolve("index");
    Map<String, String> env = Map.of("ASKDOCS_INGEST_COMMIT_FILES", Integer.toString(COMMIT_FILES));
    Random random = new Random(8);
    List<String> story = new ArrayList<>();
    int durable = 0;
    for (KillPoint point : KillPoint.values()) {
      Trigger trigger = point.trigger(DOCUMENTS - durable, random);
      Path log = tmp.resolve("run-" + point + ".log");
      try (ChildServer server = ChildServer.start(corpus, index, env, log, DEBUG_INGEST)) {
        server.port(START);
        Optional<String> reached = server.awaitLine(trigger.line(), trigger.count(), START);
        server.kill();
        assertThat(reached).as("%s reached (%s) in: %s", point, trigger, server.log()).isPresent();
        assertThat(FINISHED.matcher(server.log()).find())
            .as("ingest finished before the kill at %s", point)
            .isFalse();
        durable = checkConsistent(corpus, index);
        story.add(
            String.format(
                "%s (%s #%d): %d of %d documents durable",
                point, trigger.line(), trigger.count(), durable, DOCUMENTS));
      }
    }
    Path log = tmp.resolve("final.log");
    try (ChildServer server = ChildServer.start(corpus, index, Map.of(), log)) {
      new Loopback(server.port(START)).awaitReady(START);
      assertThat(server.terminate(Duration.ofSeconds(60))).isNotEqualTo(-1);
    }
    assertThat(checkConsistent(corpus, index)).as(String.join("; ", story)).isEqualTo(DOCUMENTS);
    System.out.println("crash recovery: " + String.join("; ", story));
  }

  /**
   * Opens the index left behind and checks it; returns how many documents it holds.
   *
   * <p>Every chunk id is unique; every chunk belongs to a document record; each document has
   * exactly as many chunks as its record says, with ordinals 0..n-1; its text is its file's.
   */
  private static int checkConsistent(Path corpus, Path index) throws IOException {
    try (LuceneChunkIndex opened = LuceneChunkIndex.open(index, MODEL, 384)) {
      List<DocumentSummary> docs = opened.documents();
      Map<String, DocumentSummary> byId = new HashMap<>();
      docs.forEach(d -> byId.put(d.id(), d));
      assertThat(byId).as("one record per document").hasSize(docs.size());
      Set<String> chunkIds = new HashSet<>();
      Map<String, Set<Integer>> ordinals = new HashMap<>();
      List<String> duplicates = new ArrayList<>();
      opened.forEachChunk(
          (hit, vector) -> {
            if (!chunkIds.add(hit.chunk().id())) {
              duplicates.add(hit.chunk().id());
            }
            ordinals
                .computeIfAbsent(hit.chunk().documentId(), k -> new HashSet<>())
                .add(hit.chunk().ordinal());
          });
      assertThat(duplicates).as("duplicate chunk ids").isEmpty();
      assertThat(byId.keySet()).as("chunks without their document").containsAll(ordinals.keySet());
      for (DocumentSummary d : docs) {
        Set<Integer> seen = ordinals.getOrDefault(d.id(), Set.of());
        assertThat(seen).as("chunks of %s", d.source()).hasSize(d.chunks());
        assertThat(seen).as("ordinals of %s", d.source()).allMatch(o -> o >= 0 && o < d.chunks());
        String text = opened.document(d.id()).orElseThrow().text();
        assertThat(text).as("text of %s", d.source()).isNotBlank();
        assertThat(d.contentHash())
            .as("hash of %s", d.source())
            .isEqualTo(sha256(Files.readAllBytes(corpus.resolve(d.source()))));
      }
      return docs.size();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code n} small text documents of two or three paragraphs, made of a fixed vocabulary. */
  static Path writeCorpus(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    String[] words =
        ("river harbour engine ledger copper orchard signal valley lantern meadow turbine canal"
                + " archive beacon quarry ferry granary mill bridge tower station market council"
                + " budget rainfall season harvest voltage cable pipeline school clinic library")
            .split(" ");
    Random r = new Random(42);
    for (int i = 0; i < n; i++) {
      StringBuilder doc = new StringBuilder("Report " + i + " on the " + words[i % words.length]);
      doc.append("\n\n");
      int paragraphs = 2 + r.nextInt(2);
      for (int p = 0; p < paragraphs; p++) {
        for (int s = 0; s < 4; s++) {
          doc.append("The ").append(words[r.nextInt(words.length)]);
          for (int w = 0; w < 10; w++) {
            doc.append(' ').append(words[r.nextInt(words.length)]);
          }
          doc.append(" in ").append(1900 + r.nextInt(120)).append(". ");
        }
        doc.append("\n\n");
      }
      Files.writeString(
          dir.resolve(String.format("report-%03d.txt", i)), doc.toString(), StandardCharsets.UTF_8);
    }
    return dir;
  }
}
