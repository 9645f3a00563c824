package dev.askdocs.ingest;

import dev.askdocs.AskdocsException;
import dev.askdocs.NotFoundException;
import dev.askdocs.chunk.Chunk;
import dev.askdocs.embed.Embedder;
import dev.askdocs.index.ChunkIndex;
import dev.askdocs.index.IndexedDocument;
import dev.askdocs.load.DocumentLoadException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents added and removed one at a time (over HTTP), through the same loaders, chunker,
 * embedder and index as the corpus ingest. An uploaded file is kept in the corpus folder under
 * {@value #FOLDER}/, so it is an ordinary corpus file from then on: the next start-up ingest finds
 * it unchanged instead of deleting it as vanished, and a rebuilt index includes it.
 *
 * <p>All or nothing: every file of one call is checked, loaded, chunked and embedded before any of
 * them is written to the index, and they are committed together, so a refused or failed call leaves
 * the index as it was. Calls run one at a time. Thread-safe.
 */
public final class DocumentUploads {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentUploads.class);

  /** The corpus sub-folder that holds uploaded files; their sources start with it. */
  public static final String FOLDER = "uploads";

  private final Ingestor ingestor;
  private final Embedder embedder;
  private final ChunkIndex index;
  private final java.util.Map<String, Source> targets = new java.util.LinkedHashMap<>();
  private final Lock lock;

  public DocumentUploads(Ingestor ingestor, Embedder embedder, ChunkIndex index, Path corpusDir) {
    this(ingestor, embedder, index, corpusDir, new ReentrantLock());
  }

  /**
   * @param writer held while a call writes the index; shared with the corpus ingest runs ({@link
   *     IngestRuns#writer()}) so that the index has one writer at a time
   */
  public DocumentUploads(
      Ingestor ingestor, Embedder embedder, ChunkIndex index, Path corpusDir, Lock writer) {
    this(ingestor, embedder, index, List.of(Source.of(corpusDir)), writer);
  }

  /**
   * @param sources the collections' folders: a collection's uploads are kept in {@code uploads/} of
   *     its first folder
   */
  public DocumentUploads(
      Ingestor ingestor, Embedder embedder, ChunkIndex index, List<Source> sources, Lock writer) {
    this.ingestor = ingestor;
    this.embedder = embedder;
    this.index = index;
    for (Source s : sources) {
      targets.putIfAbsent(s.collection(), s);
    }
    this.lock = writer;
  }

  /** A file as the client sent it; {@code content} is read once and not closed here. */
  public record Upload(String fileName, InputStream content) {}

  /** An indexed upload; {@code replaced} when a document of that source existed before. */
  public record Added(String id, String source, String title, int chunks, boolean replaced) {}

  /** A removed document; {@code fileRemoved} when its uploaded file was deleted too. */
  public record Removed(String id, String source, boolean fileRemoved) {}

  /**
   * A text sent as JSON, as the upload of a text file: its first line is the title.
   *
   * @param title may be null: then the text's first line is the title
   * @param source the file name to keep it under ({@code .txt} is added unless it ends in {@code
   *     .txt} or {@code .md}; folders in it are dropped); null: made from the title or the text
   */
  public static Upload text(String title, String text, String source) {
    String name = source;
    if (name == null || name.isBlank()) {
      String base = title != null && !title.isBlank() ? title : text.strip().split("\n", 2)[0];
      name =
          base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
      name = (name.isEmpty() ? "text" : name.substring(0, Math.min(80, name.length()))) + ".txt";
    } else if (!name.matches("(?i).*\\.(txt|md)")) {
      name = name + ".txt";
    }
    String body = title == null || title.isBlank() ? text : title.strip() + "\n\n" + text;
    if (name.toLowerCase(Locale.ROOT).endsWith(".md") && title != null && !title.isBlank()) {
      body = "# " + title.strip() + "\n\n" + text;
    }
    return new Upload(name, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Indexes {@code uploads} and keeps their files; a file of the same name replaces the earlier
   * one.
   *
   * @param maxBytes the largest one file may be, besides the loaders' own limit
   * @throws UploadRejectedException for the first file that cannot be taken; nothing is indexed
   */
  public List<Added> add(List<Upload> uploads, long maxBytes) {
    return add(dev.askdocs.index.IndexedDocument.DEFAULT_COLLECTION, uploads, maxBytes);
  }

  /**
   * {@link #add(List, long)} into {@code collection}.
   *
   * @throws dev.askdocs.BadInputException when the collection has no folder to keep uploads in
   */
  public List<Added> add(String collection, List<Upload> uploads, long maxBytes) {
    Source target = targets.get(collection);
    if (target == null) {
      throw new dev.askdocs.BadInputException(
          "no_folder",
          "collection",
          "collection '" + collection + "' has no folder, so it cannot keep uploaded files");
    }
    if (uploads.isEmpty()) {
      throw new UploadRejectedException(
          UploadRejectedException.Reason.UNREADABLE, null, "no file was uploaded");
    }
    long limit = Math.min(maxBytes, ingestor.loaders().maxBytes());
    lock.lock();
    try {
      Path folder = target.folder().resolve(FOLDER);
      Path staging = folder.resolve(".staging-" + UUID.randomUUID());
      try {
        Files.createDirectories(staging);
        return addStaged(target, uploads, staging, folder, limit);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot keep uploaded files in " + folder, e);
      } finally {
        deleteTree(staging);
      }
    } finally {
      lock.unlock();
    }
  }

  private List<Added> addStaged(
      Source target, List<Upload> uploads, Path staging, Path folder, long limit)
      throws IOException {
    Set<String> names = new HashSet<>();
    List<Path> staged = new ArrayList<>();
    for (Upload u : uploads) {
      String name = safeName(u.fileName());
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw rejected(UploadRejectedException.Reason.UNREADABLE, u, "uploaded twice in one call");
      }
      Path file = staging.resolve(name);
      if (ingestor.loaders().forFile(file).isEmpty()) {
        throw rejected(
            UploadRejectedException.Reason.UNSUPPORTED_TYPE,
            u,
            "unsupported file type; supported: ." + String.join(", .", sorted(ingestor)));
      }
      copyAtMost(u, file, limit);
      staged.add(file);
    }
    List<Ingestor.Prepared> prepared = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < staged.size(); i++) {
      Path file = staged.get(i);
      String source = target.prefix() + FOLDER + "/" + file.getFileName();
      Ingestor.Prepared p;
      try {
        p =
            ingestor.prepare(
                file,
                source,
                target.documentId(source),
                ContentHashes.ofFile(file),
                target.collection());
      } catch (DocumentLoadException e) {
        throw rejected(UploadRejectedException.Reason.UNREADABLE, uploads.get(i), e.getMessage());
      }
      prepared.add(p);
      texts.addAll(p.embeddingTexts());
    }
    // The answerer's sentence vectors too, as a corpus ingest computes them; a cache, so writing it
    // before the documents are known to be indexed leaves nothing wrong behind.
    List<Chunk> chunks = new ArrayList<>();
    prepared.forEach(p -> chunks.addAll(p.chunks()));
    List<float[]> vectors = texts.isEmpty() ? List.of() : ingestor.embed(chunks, texts);
    List<Added> added = new ArrayList<>();
    int at = 0;
    for (Ingestor.Prepared p : prepared) {
      IndexedDocument d = p.document();
      boolean replaced = index.document(d.id()).isPresent();
      int n = p.chunks().size();
      index.upsert(d, p.chunks(), vectors.subList(at, at + n));
      at += n;
      added.add(new Added(d.id(), d.source(), d.title(), n, replaced));
    }
    index.commit();
    for (Path file : staged) {
      Files.move(
          file,
          folder.resolve(file.getFileName()),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
    added.forEach(a -> LOG.info("uploaded {} ({} chunks)", a.source(), a.chunks()));
    return added;
  }

  /**
   * Removes a document from the index at once; an uploaded document's file goes too. A corpus
   * document's file is left alone, so the next ingest of the corpus folder adds it again.
   *
   * @throws NotFoundException for an unknown id
   */
  public Removed remove(String documentId) {
    return remove(documentId, dev.askdocs.index.ChunkFilter.NONE);
  }

  /**
   * {@link #remove(String)} of a document that passes {@code filter} (the collections the caller
   * may edit); any other id is unknown.
   */
  public Removed remove(String documentId, dev.askdocs.index.ChunkFilter filter) {
    lock.lock();
    try {
      IndexedDocument d =
          index
              .document(documentId, filter)
              .orElseThrow(() -> new NotFoundException("no document with id '" + documentId + "'"));
      index.delete(documentId);
      index.commit();
      boolean fileRemoved = false;
      Source home = targets.get(d.collection());
      String inFolder =
          home == null || !d.source().startsWith(home.prefix())
              ? null
              : d.source().substring(home.prefix().length());
      Path uploads =
          home == null ? null : home.folder().resolve(FOLDER).toAbsolutePath().normalize();
      Path file =
          inFolder == null ? null : home.folder().resolve(inFolder).toAbsolutePath().normalize();
      if (file != null && inFolder.startsWith(FOLDER + "/") && file.startsWith(uploads)) {
        try {
          fileRemoved = Files.deleteIfExists(file);
        } catch (IOException e) {
          throw new AskdocsException(
              "removed " + d.source() + " from the index, but not its file: " + e.getMessage(), e);
        }
      }
      LOG.info("removed {}{}", d.source(), fileRemoved ? " and its file" : "");
      return new Removed(d.id(), d.source(), fileRemoved);
    } finally {
      lock.unlock();
    }
  }

  /** The uploaded name without folders, or a rejection when nothing usable is left. */
  static String safeName(String uploaded) {
    String name = uploaded == null ? "" : uploaded.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).strip();
    name = name.replaceAll("[^\\p{L}\\p{N}._ ()+-]", "_");
    if (name.isEmpty() || name.startsWith(".") || name.length() > 200) {
      throw new UploadRejectedException(
          UploadRejectedException.Reason.UNREADABLE,
          uploaded,
          "the file name must be 1 to 200 characters and not start with '.'");
    }
    return name;
  }

  private static void copyAtMost(Upload u, Path file, long limit) throws IOException {
    long total = 0;
    byte[] buf = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int n = u.content().read(buf); n >= 0; n = u.content().read(buf)) {
        total += n;
        if (total > limit) {
          throw rejected(
              UploadRejectedException.Reason.TOO_LARGE,
              u,
              "file too large: more than " + limit + " bytes");
        }
        out.write(buf, 0, n);
      }
    }
  }

  private static List<String> sorted(Ingestor ingestor) {
    return ingestor.loaders().extensions().stream().sorted().toList();
  }

  private static UploadRejectedException rejected(
      UploadRejectedException.Reason reason, Upload u, String why) {
    return new UploadRejectedException(reason, u.fileName(), u.fileName() + ": " + why);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A hidden folder the ingest ignores; it is only clutter, so the upload's result stands.
      LOG.warn("could not delete the staging folder {}: {}", dir, e.getMessage());
    }
  }
}
