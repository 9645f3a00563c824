package dev.askdocs.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The loaders askdocs knows, chosen by file extension (case-insensitive), plus a size limit.
 *
 * <p>{@link #load} is the one entry point the ingester needs: it either returns a document that
 * honours the {@link DocumentLoader} contract or throws {@link DocumentLoadException} with a reason
 * fit to show a user ("unsupported file type: .xyz", "file too large: N bytes, limit M", "cannot
 * read file: ...", "took longer than 120 s to read", or the loader's own reason). Thread-safe.
 *
 * <p>Each file is read on a worker thread within a time budget. A file over budget is reported as a
 * load failure and its worker interrupted, so one slow or hostile file never stalls an ingest; a
 * parser that ignores the interrupt keeps its (daemon) worker busy until it returns, and its result
 * is thrown away. A parser that overflows its stack or the heap on a file fails that file, not the
 * ingest.
 */
public final class DocumentLoaders {
  /** The limit {@link #standard()} uses: 50 MiB. */
  public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;

  /** The time budget {@link #standard()} gives each file: enough for ~30 OCR'd pages. */
  public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(120);

  private final Map<String, DocumentLoader> byExtension;
  private final long maxBytes;
  private final Duration timeBudget;
  private final ExecutorService workers;

  /** Loaders with the {@link #DEFAULT_TIME_BUDGET}. */
  public DocumentLoaders(List<DocumentLoader> loaders, long maxBytes) {
    this(loaders, maxBytes, DEFAULT_TIME_BUDGET);
  }

  /**
   * @param loaders loaders to register; two loaders claiming one extension is a programming error
   * @param maxBytes files larger than this are rejected before any loader reads them; positive
   * @param timeBudget the longest one file may take to load; positive
   */
  public DocumentLoaders(List<DocumentLoader> loaders, long maxBytes, Duration timeBudget) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    if (timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("timeBudget must be positive: " + timeBudget);
    }
    Map<String, DocumentLoader> map = new LinkedHashMap<>();
    for (DocumentLoader loader : loaders) {
      for (String extension : loader.extensions()) {
        String key = extension.toLowerCase(Locale.ROOT);
        if (map.putIfAbsent(key, loader) != null) {
          throw new IllegalArgumentException("two loaders for extension ." + key);
        }
      }
    }
    this.byExtension = Map.copyOf(map);
    this.maxBytes = maxBytes;
    this.timeBudget = timeBudget;
    // Threads are made on demand and end after a minute idle: nothing to close.
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread t = new Thread(task, "askdocs-load");
              t.setDaemon(true);
              return t;
            });
    this.workers = pool;
  }

  /**
   * Every loader, with the {@link #DEFAULT_MAX_BYTES} limit and OCR when Tesseract is installed
   * (looked up on each call: the application looks once and calls {@link #standard(long,
   * Optional)}).
   */
  public static DocumentLoaders standard() {
    return standard(DEFAULT_MAX_BYTES, Ocr.detect());
  }

  /** Every loader, rejecting files larger than {@code maxBytes}, OCR when installed. */
  public static DocumentLoaders standard(long maxBytes) {
    return standard(maxBytes, Ocr.detect());
  }

  /**
   * Text, Markdown, HTML, PDF (scanned pages by OCR), CSV, images (OCR) and the office, e-book and
   * e-mail formats (Tika), rejecting files larger than {@code maxBytes}.
   *
   * @param ocr Tesseract, or empty: then images and scanned pages are refused with a reason
   */
  public static DocumentLoaders standard(long maxBytes, Optional<Ocr> ocr) {
    return standard(maxBytes, () -> ocr);
  }

  /**
   * As {@link #standard(long, Optional)}, with Tesseract asked for at the first scan or image (the
   * server looks for it in the background: {@link Ocr#detectInBackground()}).
   */
  public static DocumentLoaders standard(long maxBytes, Supplier<Optional<Ocr>> ocr) {
    return new DocumentLoaders(
        List.of(
            new TextLoader(),
            new MarkdownLoader(),
            new HtmlLoader(),
            new PdfLoader(ocr),
            new CsvLoader(),
            new TikaLoader(),
            new ImageLoader(ocr)),
        maxBytes);
  }

  /** The longest one file may take to load. */
  public Duration timeBudget() {
    return timeBudget;
  }

  /** The loader for {@code file}'s extension, or empty when the type is not supported. */
  public Optional<DocumentLoader> forFile(Path file) {
    return extension(file).map(byExtension::get);
  }

  /** Every supported extension, lower case, without the dot. */
  public Set<String> extensions() {
    return byExtension.keySet();
  }

  /** Files larger than this many bytes are rejected. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Loads {@code file} with the loader for its extension.
   *
   * @throws DocumentLoadException when the type is unsupported, the file is missing, unreadable or
   *     too large, or its loader rejects the content
   */
  public LoadedDocument load(Path file) {
    DocumentLoader loader =
        forFile(file)
            .orElseThrow(
                () ->
                    new DocumentLoadException(
                        extension(file)
                            .map(ext -> "unsupported file type: ." + ext)
                            .orElse("unsupported file type: no extension")));
    long size;
    try {
      if (!Files.isRegularFile(file)) {
        throw new DocumentLoadException(
            Files.exists(file) ? "not a regular file" : "cannot read file: file not found");
      }
      size = Files.size(file);
    } catch (IOException e) {
      throw ReadFailure.of(e);
    }
    if (size > maxBytes) {
      throw new DocumentLoadException("file too large: " + size + " bytes, limit " + maxBytes);
    }
    if (!Files.isReadable(file)) {
      throw new DocumentLoadException("cannot read file: permission denied");
    }
    return loadWithinBudget(loader, file);
  }

  private LoadedDocument loadWithinBudget(DocumentLoader loader, Path file) {
    Future<LoadedDocument> result = workers.submit(() -> loader.load(file));
    try {
      return result.get(timeBudget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new DocumentLoadException(
          "took longer than " + seconds(timeBudget) + " s to read (the limit per file)", e);
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      throw new DocumentLoadException("interrupted while reading", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof StackOverflowError) {
        throw new DocumentLoadException("nested too deeply to read", cause);
      }
      if (cause instanceof OutOfMemoryError) {
        throw new DocumentLoadException("needs more memory to read than the server has", cause);
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("loader threw a checked exception", cause);
    }
  }

  /** The lower-cased text after the last dot; a leading dot alone (".profile") is no extension. */
  private static Optional<String> extension(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return Optional.empty();
    }
    String fileName = name.toString();
    int dot = fileName.lastIndexOf('.');
    if (dot <= 0 || dot == fileName.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0
        ? Long.toString(d.toSeconds())
        : Double.toString(d.toMillis() / 1000.0);
  }
}
