package dev.askdocs.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askdocs.AskdocsException;
import dev.askdocs.BadInputException;
import dev.askdocs.index.lucene.LuceneChunkIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  @Test
  void writes_a_complete_backup_with_its_manifest_last() throws Exception {
    Path uploads = Files.createDirectories(tmp.resolve("corpus").resolve("uploads"));
    Files.writeString(uploads.resolve("a.txt"), "uploaded");
    try (LuceneChunkIndex index = LuceneChunkIndex.open(tmp.resolve("index"), "test-model", 4)) {
      BackupManifest m =
          new Backups(index, null, null, null, uploads, CLOCK).backup(tmp.resolve("backup"));
      assertThat(m.contents()).containsExactly("index", "uploads");
      assertThat(m.embeddingModel()).isEqualTo("test-model");
      assertThat(m.createdAt()).isEqualTo("2026-12-07T04:00:00Z");
    }
    assertThat(Backups.read(tmp.resolve("backup")).format()).isEqualTo(Backups.FORMAT);
    assertThat(tmp.resolve("backup").resolve("uploads").resolve("a.txt")).hasContent("uploaded");
    try (Stream<Path> index = Files.list(tmp.resolve("backup").resolve("index"))) {
      assertThat(index.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("segments_"));
    }
  }

  @Test
  void a_failed_backup_leaves_no_folder_behind() throws Exception {
    Path uploads = Files.createDirectories(tmp.resolve("corpus").resolve("uploads"));
    // A link to nothing cannot be copied: the backup fails after the index was copied.
    Files.createSymbolicLink(uploads.resolve("gone.txt"), tmp.resolve("nowhere.txt"));
    Path backups = Files.createDirectories(tmp.resolve("backups"));
    try (LuceneChunkIndex index = LuceneChunkIndex.open(tmp.resolve("index"), "test-model", 4)) {
      Backups b = new Backups(index, null, null, null, uploads, CLOCK);
      assertThatThrownBy(() -> b.backup(backups.resolve("first")))
          .isInstanceOf(AskdocsException.class)
          .hasMessageContaining("failed");
    }
    try (Stream<Path> left = Files.list(backups)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void refuses_an_existing_or_relative_target() throws Exception {
    Path uploads = tmp.resolve("corpus").resolve("uploads");
    Files.createDirectories(tmp.resolve("taken"));
    try (LuceneChunkIndex index = LuceneChunkIndex.open(tmp.resolve("index"), "test-model", 4)) {
      Backups b = new Backups(index, null, null, null, uploads, CLOCK);
      assertThatThrownBy(() -> b.backup(tmp.resolve("taken")))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("already exists");
      assertThatThrownBy(() -> b.backup(Path.of("relative")))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("absolute");
    }
  }
}
