package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.ApiSettings;
import dev.askdocs.config.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} follows its corpus folder: files copied in, edited and deleted while it runs are
 * answered from, replaced and gone without a restart; a churn of more than a thousand file
 * operations ends with the index equal to the folder, with no 5xx and no half-written document.
 */
class CorpusWatchIT {
  static final Duration PICK_UP = Duration.ofSeconds(30);

  @TempDir static Path tmp;
  static Path corpus;
  static App app;
  static HttpJson http;

  @BeforeAll
  static void start() {
    corpus = TestCorpus.withSeed(tmp.resolve("corpus"));
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, corpus)
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .build();
    // The test polls and asks far more often than a person; the rate limit is not under test.
    config = config.toBuilder().set(ApiSettings.RATE_LIMIT, 0).build();
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(2));
    http = new HttpJson(app.port());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void answers_from_a_file_copied_in_then_its_edit_then_forgets_it_once_deleted() throws Exception {
    String question = "How many varieties of pear does the Brindlewood orchard grow?";
    Path staged = tmp.resolve("orchard.txt");
    Files.writeString(
        staged,
        "Brindlewood orchard guide\n\nThe Brindlewood orchard grows 340 varieties of pear on the"
            + " hill. The head gardener of the orchard is Tomas Avery.\n");
    Path file = corpus.resolve("notices/orchard.txt");
    Files.createDirectories(file.getParent());

    long t0 = System.nanoTime();
    Files.copy(staged, file);
    await()
        .atMost(PICK_UP)
        .untilAsserted(() -> assertQuoted(question, "notices/orchard.txt", "340"));
    long added = millisSince(t0);

    long t1 = System.nanoTime();
    Files.writeString(
        file,
        "Brindlewood orchard guide\n\nSince the spring grafting the Brindlewood orchard grows"
            + " 412 varieties of pear on the hill. The head gardener of the orchard is Tomas"
            + " Avery.\n");
    await().atMost(PICK_UP).until(() -> text("notices/orchard.txt").contains("412"));
    long edited = millisSince(t1);
    assertThat(text("notices/orchard.txt")).doesNotContain("340");
    assertThat(quotes(question, "notices/orchard.txt")).contains("412").doesNotContain("340");

    long t2 = System.nanoTime();
    Files.delete(file);
    await().atMost(PICK_UP).until(() -> !sources().contains("notices/orchard.txt"));
    long deleted = millisSince(t2);
    JsonNode after = http.ask(question).json();
    assertThat(after.get("citations").findValuesAsText("source"))
        .doesNotContain("notices/orchard.txt");

    // The pick-up delay, for the README: from the file operation to the change being visible.
    System.out.printf(
        "watch pick-up delay: added %d ms, edited %d ms, deleted %d ms%n", added, edited, deleted);
  }

  @Test
  void a_churn_of_over_a_thousand_operations_ends_equal_to_the_folder_with_no_5xx()
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger requests = new AtomicInteger();
    Thread client = new Thread(() -> askAndList(stop, failures, requests), "churn-client");
    Thread checker = new Thread(() -> checkWhole(stop, failures, requests), "churn-checker");
    client.start();
    checker.start();
    int operations = 0;
    try {
      // A burst of new files in new folders, as a checkout would bring.
      for (int i = 0; i < 300; i++) {
        write(
            churn(i), "Churn note " + i + ". The churn crate " + i + " holds " + i * 3 + " bolts.");
        operations++;
      }
      await().atMost(Duration.ofMinutes(3)).until(() -> countUnder("churn/") == 300);
      // Every one of them edited.
      for (int i = 0; i < 300; i++) {
        write(churn(i), "Churn note " + i + ". The churn crate " + i + " now holds " + i * 5 + ".");
        operations++;
      }
      // While the edits are taken in: deletions, additions, moves, and slow writers.
      List<Thread> slow = new ArrayList<>();
      for (int s = 0; s < 8; s++) {
        int n = s;
        Thread t =
            new Thread(() -> writeSlowly(corpus.resolve("slow/s" + n + ".txt"), n, failures));
        t.start();
        slow.add(t);
      }
      for (int i = 0; i < 200; i++) {
        Files.delete(churn(i));
        operations++;
      }
      for (int i = 300; i < 400; i++) {
        write(churn(i), "Churn note " + i + ". The churn crate " + i + " holds " + i + " nuts.");
        operations++;
      }
      for (int i = 200; i < 300; i++) {
        Path to = corpus.resolve("moved/m" + i + ".txt");
        Files.createDirectories(to.getParent());
        Files.move(churn(i), to, StandardCopyOption.ATOMIC_MOVE);
        operations += 2; // a deletion and a creation, as the index sees it
      }
      for (Thread t : slow) {
        t.join();
      }
      operations += 8;
      assertThat(operations).isGreaterThanOrEqualTo(1000);
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> indexed().equals(folder()));
    } finally {
      stop.set(true);
      client.join();
      checker.join();
    }
    assertThat(failures).isEmpty();
    assertThat(requests.get()).as("requests made during the churn").isGreaterThan(10);
    assertThat(text("slow/s3.txt")).endsWith("END OF NOTE 3.");
  }

  // The churn's clients.

  /** Questions and document lists while the folder churns; any 5xx is a failure. */
  static void askAndList(
      AtomicBoolean stop, ConcurrentLinkedQueue<String> failures, AtomicInteger requests) {
    HttpJson client = new HttpJson(app.port());
    for (int i = 0; !stop.get(); i++) {
      try {
        var r =
            i % 2 == 0
                ? client.ask("How many bolts does churn crate " + (i % 300) + " hold?")
                : client.get("/api/v1/documents");
        requests.incrementAndGet();
        if (r.status() >= 500) {
          failures.add(r.status() + " " + r.body());
        }
      } catch (IOException e) {
        failures.add(e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Every slowly written document the index shows must be whole: it ends with its last piece. */
  static void checkWhole(
      AtomicBoolean stop, ConcurrentLinkedQueue<String> failures, AtomicInteger requests) {
    HttpJson client = new HttpJson(app.port());
    while (!stop.get()) {
      try {
        var list = client.allDocuments("");
        requests.incrementAndGet();
        for (JsonNode d : list) {
          if (d.get("source").asText().startsWith("slow/")) {
            var doc = client.get("/api/v1/documents/" + d.get("id").asText());
            if (doc.status() == 200 && !doc.json().get("text").asText().contains("END OF NOTE")) {
              failures.add("half-written document indexed: " + doc.json().get("text").asText());
            }
          }
        }
      } catch (IOException e) {
        failures.add(e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Writes a note in pieces 100 ms apart, as a slow copy or a download would. */
  static void writeSlowly(Path file, int n, ConcurrentLinkedQueue<String> failures) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        for (int i = 0; i < 12; i++) {
          out.write(
              ("Slow note " + n + " part " + i + " of the long report. ")
                  .getBytes(StandardCharsets.UTF_8));
          out.flush();
          // The writer's pace, not a wait for a result.
          Thread.sleep(100);
        }
        out.write(("END OF NOTE " + n + ".").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      failures.add(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // Helpers.

  static Path churn(int i) {
    return corpus.resolve("churn/d" + (i % 25) + "/n" + i + ".txt");
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /** The answer to {@code question} cites {@code source} with a quote containing {@code text}. */
  static void assertQuoted(String question, String source, String text) throws Exception {
    JsonNode a = http.ask(question).json();
    List<String> quotes = new ArrayList<>();
    for (JsonNode c : a.get("citations")) {
      if (c.get("source").asText().equals(source)) {
        quotes.add(c.get("quote").asText());
      }
    }
    assertThat(quotes).as(a.toString()).anyMatch(q -> q.contains(text));
  }

  /** The quotes of the answer's citations from {@code source}, joined. */
  static String quotes(String question, String source) throws Exception {
    JsonNode a = http.ask(question).json();
    StringBuilder out = new StringBuilder();
    for (JsonNode c : a.get("citations")) {
      if (c.get("source").asText().equals(source)) {
        out.append(c.get("quote").asText()).append('\n');
      }
    }
    return out.toString();
  }

  static List<String> sources() throws Exception {
    return http.allDocuments("").stream().map(d -> d.get("source").asText()).toList();
  }

  static long countUnder(String prefix) throws Exception {
    return sources().stream().filter(s -> s.startsWith(prefix)).count();
  }

  /** The indexed text of the document from {@code source}; empty if there is none. */
  static String text(String source) throws Exception {
    for (JsonNode d : http.allDocuments("")) {
      if (d.get("source").asText().equals(source)) {
        return http.get("/api/v1/documents/" + d.get("id").asText()).json().get("text").asText();
      }
    }
    return "";
  }

  /** Source to content hash, as the index has them. */
  static Map<String, String> indexed() throws Exception {
    Map<String, String> out = new HashMap<>();
    for (JsonNode d : http.allDocuments("")) {
      out.put(d.get("source").asText(), d.get("contentHash").asText());
    }
    return out;
  }

  /** Source to SHA-256 of the bytes, as the folder has them. */
  static Map<String, String> folder() throws Exception {
    Map<String, String> out = new HashMap<>();
    try (Stream<Path> walk = Files.walk(corpus)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String source = corpus.relativize(p).toString().replace('\\', '/');
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        out.put(source, HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }
}
