package dev.askdocs.load;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Turns I/O failures into {@link DocumentLoadException}s whose message a user can act on. */
final class ReadFailure {
  private ReadFailure() {}

  /** Reads the whole file; the size limit is enforced before this by {@link DocumentLoaders}. */
  static byte[] readAllBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw of(e);
    }
  }

  /** A "cannot read file: reason" exception; the raw exception message is often just a path. */
  static DocumentLoadException of(IOException e) {
    String reason;
    if (e instanceof NoSuchFileException) {
      reason = "file not found";
    } else if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (e.getMessage() == null || e.getMessage().isBlank()) {
      reason = e.getClass().getSimpleName();
    } else {
      reason = e.getMessage();
    }
    return new DocumentLoadException("cannot read file: " + reason, e);
  }
}
