package dev.askdocs.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.askdocs.AskdocsException;
import dev.askdocs.BadInputException;
import dev.askdocs.config.Version;
import dev.askdocs.embed.LuceneVectorCache;
import dev.askdocs.feedback.FeedbackLog;
import dev.askdocs.index.ChunkIndex;
import dev.askdocs.index.ConversationIndex;
import dev.askdocs.index.IndexStats;
import dev.askdocs.index.lucene.LuceneConversationIndex;
import dev.askdocs.ingest.DocumentUploads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Backups of a running askdocs and their restore into a stopped one's folders. A backup is a folder
 * with the index as of its last commit ({@code index/}), the sentence vectors ({@code
 * sentence-vectors/}), {@code feedback.jsonl}, the uploaded documents ({@code uploads/}) and, last,
 * {@value #MANIFEST}. It is written under a temporary name beside the target and renamed when
 * complete, so a failed backup never leaves a folder that looks complete. Conversations kept in the
 * index folder are copied too ({@code conversations/}, as of their last commit); on SolrCloud they
 * are a collection of their own, backed up with Solr's. Thread-safe: one backup at a time.
 */
public final class Backups {
  public static final String MANIFEST = "askdocs-backup.json";
  public static final int FORMAT = 1;
  static final String INDEX = "index";

  /** The sentence vectors' folder: the same name in a backup as in the index folder. */
  static final String VECTORS = LuceneVectorCache.FOLDER;

  /** The conversations' folder: the same name in a backup as in the index folder. */
  static final String CONVERSATIONS = LuceneConversationIndex.FOLDER;

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ChunkIndex index;
  private final ConversationIndex conversations;
  private final LuceneVectorCache vectors;
  private final FeedbackLog feedback;
  private final Path uploadsDir;
  private final Clock clock;

  /**
   * @param conversations the conversations, or null when the process keeps none
   * @param vectors the sentence-vector cache, or null when the process has none
   * @param feedback the feedback log, or null when the process has none
   * @param uploadsDir where uploaded documents are kept ({@code corpus/uploads})
   */
  public Backups(
      ChunkIndex index,
      ConversationIndex conversations,
      LuceneVectorCache vectors,
      FeedbackLog feedback,
      Path uploadsDir,
      Clock clock) {
    this.index = index;
    this.conversations = conversations;
    this.vectors = vectors;
    this.feedback = feedback;
    this.uploadsDir = uploadsDir;
    this.clock = clock;
  }

  /**
   * Writes a backup to {@code target}, which must not exist yet.
   *
   * @throws BadInputException when {@code target} exists or is not absolute
   * @throws AskdocsException when the copy fails; nothing is left at {@code target} then
   */
  public synchronized BackupManifest backup(Path target) {
    if (!target.isAbsolute()) {
      throw new BadInputException(
          "bad_value", "target", "the backup folder must be an absolute path");
    }
    Path out = target.normalize();
    if (Files.exists(out)) {
      throw new BadInputException("exists", "target", out + " already exists; name a new folder");
    }
    Path parent = out.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new BadInputException(
          "bad_value", "target", "the folder to hold " + out + " does not exist");
    }
    Path partial =
        parent.resolve("." + out.getFileName() + ".partial-" + ProcessHandle.current().pid());
    try {
      deleteTree(partial);
      Files.createDirectory(partial);
      List<String> contents = new ArrayList<>();
      IndexStats stats = index.stats();
      index.backup(partial.resolve(INDEX));
      contents.add(INDEX);
      if (vectors != null) {
        vectors.backup(partial.resolve(VECTORS));
        contents.add(VECTORS);
      }
      if (conversations != null && conversations.backup(partial.resolve(CONVERSATIONS))) {
        contents.add(CONVERSATIONS);
      }
      if (feedback != null && Files.exists(feedback.file())) {
        feedback.copyTo(partial.resolve(FeedbackLog.FILE_NAME));
        contents.add(FeedbackLog.FILE_NAME);
      }
      if (Files.isDirectory(uploadsDir)) {
        copyTree(uploadsDir, partial.resolve(DocumentUploads.FOLDER));
        contents.add(DocumentUploads.FOLDER);
      }
      BackupManifest manifest =
          new BackupManifest(
              FORMAT,
              Version.current(),
              clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
              stats.documents(),
              stats.chunks(),
              stats.embeddingModel(),
              contents,
              size(partial));
      JSON.writeValue(partial.resolve(MANIFEST).toFile(), manifest);
      Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
      return manifest;
    } catch (IOException | UncheckedIOException | AskdocsException e) {
      try {
        deleteTree(partial);
      } catch (IOException | UncheckedIOException cleanup) {
        e.addSuppressed(cleanup);
      }
      if (e instanceof AskdocsException a) {
        throw a;
      }
      throw new AskdocsException("the backup to " + out + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The manifest of the complete backup in {@code folder}.
   *
   * @throws BadInputException when {@code folder} is not a complete askdocs backup
   */
  public static BackupManifest read(Path folder) {
    Path file = folder.resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(
          "bad_value",
          "folder",
          folder + " is not a complete askdocs backup: it has no " + MANIFEST);
    }
    BackupManifest m;
    try {
      m = JSON.readValue(file.toFile(), BackupManifest.class);
    } catch (IOException e) {
      throw new BadInputException(
          "bad_value", "folder", "unreadable " + file + ": " + e.getMessage());
    }
    if (m.format() != FORMAT) {
      throw new BadInputException(
          "bad_value",
          "folder",
          file + " has format " + m.format() + "; this askdocs reads " + FORMAT);
    }
    return m;
  }

  /**
   * Restores the backup in {@code folder} into a stopped askdocs' folders: the index into {@code
   * indexDir} (which must hold no index), the sentence vectors beside it, {@code feedback.jsonl}
   * beside the index folder, and the uploads into {@code corpusDir/uploads}.
   *
   * @throws BadInputException when {@code folder} is not a complete backup, or {@code indexDir}
   *     already holds an index
   */
  public static BackupManifest restore(Path folder, Path indexDir, Path corpusDir) {
    BackupManifest m = read(folder);
    Path feedbackFile = feedbackFile(indexDir);
    if (holdsIndex(indexDir)) {
      throw new BadInputException(
          "exists",
          "index",
          indexDir
              + " already holds an index: restore into an empty index folder, or move it away");
    }
    if (m.contents().contains(FeedbackLog.FILE_NAME) && Files.exists(feedbackFile)) {
      throw new BadInputException(
          "exists",
          "feedback",
          feedbackFile + " already exists: move it away to restore the backup's");
    }
    try {
      copyTree(folder.resolve(INDEX), indexDir);
      if (m.contents().contains(VECTORS)) {
        copyTree(folder.resolve(VECTORS), indexDir.resolve(VECTORS));
      }
      if (m.contents().contains(CONVERSATIONS)) {
        copyTree(folder.resolve(CONVERSATIONS), indexDir.resolve(CONVERSATIONS));
      }
      if (m.contents().contains(FeedbackLog.FILE_NAME)) {
        Files.copy(folder.resolve(FeedbackLog.FILE_NAME), feedbackFile);
      }
      if (m.contents().contains(DocumentUploads.FOLDER)) {
        copyTree(folder.resolve(DocumentUploads.FOLDER), corpusDir.resolve(DocumentUploads.FOLDER));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new AskdocsException("the restore from " + folder + " failed: " + e.getMessage(), e);
    }
    return m;
  }

  /** Where {@link FeedbackLog#besideIndex} keeps the log of an index in {@code indexDir}. */
  static Path feedbackFile(Path indexDir) {
    Path absolute = indexDir.toAbsolutePath().normalize();
    Path parent = absolute.getParent() == null ? absolute : absolute.getParent();
    return parent.resolve(FeedbackLog.FILE_NAME);
  }

  private static boolean holdsIndex(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("segments_"));
    } catch (IOException e) {
      throw new AskdocsException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Copies the files under {@code from} into {@code to}, replacing files of the same name. */
  static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.REPLACE_EXISTING);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }
}
