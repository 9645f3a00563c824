package dev.askdocs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The size and modification time of every file under a folder, as the ingest sees the folder
 * (dot-files and dot-folders left out). Two looks a moment apart tell which files are still being
 * written. Immutable.
 */
record FolderSnapshot(Map<Path, Stamp> files) {
  /** What is compared of a file: a file being written changes one or both. */
  record Stamp(long size, long modifiedNanos) {
    static Stamp of(BasicFileAttributes a) {
      return new Stamp(
          a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
    }
  }

  static final FolderSnapshot EMPTY = new FolderSnapshot(Map.of());

  FolderSnapshot {
    files = Map.copyOf(files);
  }

  /** The files under {@code root} now; empty when it does not exist. */
  static FolderSnapshot of(Path root) {
    Map<Path, Stamp> files = new HashMap<>();
    if (!Files.isDirectory(root)) {
      return EMPTY;
    }
    try {
      // From the real path, as Ingestor lists files: a walk does not enter a symbolic link.
      Path real = root.toRealPath();
      Files.walkFileTree(
          real,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(real) && hidden(dir)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && !hidden(file)) {
                files.put(root.resolve(real.relativize(file).toString()), Stamp.of(attrs));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              // Deleted between listing and reading it: it is simply not there any more.
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      return EMPTY;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    return new FolderSnapshot(files);
  }

  static boolean hidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  /** Files of this later look that are new or changed since {@code earlier}. */
  Set<Path> changedSince(FolderSnapshot earlier) {
    Set<Path> changed = new HashSet<>();
    files.forEach(
        (path, stamp) -> {
          if (!stamp.equals(earlier.files.get(path))) {
            changed.add(path);
          }
        });
    return changed;
  }

  /** Whether anything differs from {@code other}, leaving out the files in {@code ignored}. */
  boolean differsFrom(FolderSnapshot other, Set<Path> ignored) {
    for (Map.Entry<Path, Stamp> e : files.entrySet()) {
      if (!ignored.contains(e.getKey()) && !e.getValue().equals(other.files.get(e.getKey()))) {
        return true;
      }
    }
    for (Path p : other.files.keySet()) {
      if (!files.containsKey(p) && !ignored.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** This look with the files in {@code kept} as {@code previous} had them. */
  FolderSnapshot keeping(FolderSnapshot previous, Set<Path> kept) {
    if (kept.isEmpty()) {
      return this;
    }
    Map<Path, Stamp> out = new HashMap<>(files);
    for (Path p : kept) {
      Stamp old = previous.files.get(p);
      if (old == null) {
        out.remove(p);
      } else {
        out.put(p, old);
      }
    }
    return new FolderSnapshot(out);
  }

  /** Whether {@code file} is in this look and still has the size and time it had then. */
  boolean unchangedNow(Path file) {
    Stamp then = files.get(file);
    if (then == null) {
      return false;
    }
    try {
      return then.equals(Stamp.of(Files.readAttributes(file, BasicFileAttributes.class)));
    } catch (IOException e) {
      return false; // gone or unreadable now: not settled, looked at again next round
    }
  }
}
