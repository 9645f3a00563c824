package dev.askdocs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher on a real folder, with an ingest that reads what it is allowed to, as {@link
 * Ingestor} does: which files it is handed, when, and never one half-written.
 */
class FolderWatcherTest {
  @TempDir Path root;

  /** What the ingest saw: each run's files and their text as read. */
  final List<Map<Path, String>> runs = new CopyOnWriteArrayList<>();

  final Map<Path, String> latest = new ConcurrentHashMap<>();
  FolderWatcher watcher;

  final FolderWatcher.Ingest ingest =
      settled -> {
        Map<Path, String> seen = new ConcurrentHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
          for (Path p : walk.filter(Files::isRegularFile).toList()) {
            if (settled.test(p)) {
              seen.put(p, Files.readString(p));
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        latest.keySet().removeIf(p -> !Files.exists(p));
        latest.putAll(seen);
        runs.add(seen);
      };

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
  }

  void start(Duration rescan) {
    watcher =
        FolderWatcher.start(
            root,
            ingest,
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            Duration.ofSeconds(5),
            rescan,
            true);
  }

  @Test
  void hands_a_new_file_in_a_folder_created_after_start_to_the_ingest() throws IOException {
    start(Duration.ofHours(1));
    Path dir = Files.createDirectories(root.resolve("a/b"));
    Path file = Files.writeString(dir.resolve("note.txt"), "the first note");
    await().atMost(Duration.ofSeconds(20)).until(() -> "the first note".equals(latest.get(file)));
    // A second file in that new folder: its own event, from the folder registered meanwhile.
    Path second = Files.writeString(dir.resolve("second.txt"), "the second note");
    await().atMost(Duration.ofSeconds(20)).until(() -> latest.containsKey(second));
  }

  @Test
  void ignores_dot_files_and_reports_deletions() throws Exception {
    Path file = Files.writeString(root.resolve("keep.txt"), "kept");
    start(Duration.ofHours(1));
    Files.writeString(root.resolve(".swap"), "editor state");
    Files.delete(file);
    await().atMost(Duration.ofSeconds(20)).until(() -> !runs.isEmpty());
    assertThat(runs.get(runs.size() - 1)).isEmpty();
    Files.writeString(root.resolve(".other"), "more editor state");
    // The dot-file alone makes no round: a later real change is the next run.
    Path real = Files.writeString(root.resolve("real.txt"), "real");
    await().atMost(Duration.ofSeconds(20)).until(() -> latest.containsKey(real));
    assertThat(runs).allSatisfy(r -> assertThat(r.keySet()).noneMatch(FolderSnapshot::hidden));
  }

  @Test
  void coalesces_a_burst_of_files_into_few_ingests() throws IOException {
    start(Duration.ofHours(1));
    int n = 500;
    for (int i = 0; i < n; i++) {
      Path dir = Files.createDirectories(root.resolve("burst/d" + (i % 20)));
      Files.writeString(dir.resolve("f" + i + ".txt"), "file " + i);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> latest.size() == n);
    assertThat(runs.size()).as("ingests for %d files", n).isLessThanOrEqualTo(5);
  }

  @Test
  void never_hands_over_a_file_still_being_written() throws Exception {
    start(Duration.ofHours(1));
    Path file = root.resolve("slow.txt");
    String whole = "";
    try (OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int i = 0; i < 15; i++) {
        String piece = "piece " + i + ". ";
        out.write(piece.getBytes(StandardCharsets.UTF_8));
        out.flush();
        whole += piece;
        // The writer's own pace, not a wait for a result: pieces 100 ms apart, less than settle.
        Thread.sleep(100);
      }
      out.write("END".getBytes(StandardCharsets.UTF_8));
      whole += "END";
    }
    String complete = whole;
    await().atMost(Duration.ofSeconds(20)).until(() -> complete.equals(latest.get(file)));
    List<String> versions = new ArrayList<>();
    runs.forEach(r -> versions.add(r.get(file)));
    assertThat(versions).allMatch(v -> v == null || v.equals(complete));
  }

  @Test
  void finds_changes_at_the_rescan_when_every_event_is_lost() throws Exception {
    Path file = Files.writeString(root.resolve("old.txt"), "old text");
    AtomicInteger calls = new AtomicInteger();
    Predicate<Path>[] last = new Predicate[1];
    watcher =
        FolderWatcher.start(
            root,
            settled -> {
              calls.incrementAndGet();
              last[0] = settled;
            },
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            false);
    // Nothing changed: rescans find nothing to ingest.
    await()
        .during(Duration.ofMillis(2500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> calls.get() == 0);
    Files.writeString(file, "new text, longer than before");
    await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() >= 1);
    assertThat(last[0].test(file)).isTrue();
    Path added = Files.writeString(root.resolve("added.txt"), "added");
    await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() >= 2);
    assertThat(last[0].test(added)).isTrue();
  }
}
