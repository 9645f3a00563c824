package dev.askdocs.crawl;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Atomic file replacement in the mirror folder. Stateless and thread-safe. */
final class MirrorFiles {
  private MirrorFiles() {}

  /**
   * Replaces {@code target} with {@code bytes}: written to a hidden temporary file beside it (which
   * neither the ingest nor the folder watcher reads), then moved over it, so a reader sees the old
   * file or the new one, never half of one.
   */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), ".crawl-", ".tmp");
    try {
      Files.write(temp, bytes);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
