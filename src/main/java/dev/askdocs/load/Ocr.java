package dev.askdocs.load;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * Optical character recognition with the {@code tesseract} program (Debian's {@code tesseract-ocr},
 * English model {@code tesseract-ocr-eng}), run as a process per image.
 *
 * <p>The program rather than Tika's TesseractOCRParser: one path serves image files and PDF pages
 * rendered by PDFBox, the process gets its own timeout and is killed when its file's time budget is
 * spent (the loading thread is interrupted), and whether OCR is available is one check at start-up
 * that {@code /health} can report. Each run is single-threaded ({@code OMP_THREAD_LIMIT=1}): ingest
 * already keeps the cores busy. Thread-safe.
 */
public final class Ocr {
  /** What a reason says when OCR is needed but not installed. */
  public static final String INSTALL_HINT =
      "install the Debian packages tesseract-ocr and tesseract-ocr-eng for OCR";

  private final String command;
  private final String version;

  private Ocr(String command, String version) {
    this.command = command;
    this.version = version;
  }

  /**
   * {@link #detect()} on a daemon thread of its own, so that start-up does not wait for two runs of
   * the program (half a second on a busy machine); the supplier waits for the answer at its first
   * call and then returns it at once. Thread-safe.
   */
  public static Supplier<Optional<Ocr>> detectInBackground() {
    CompletableFuture<Optional<Ocr>> found = new CompletableFuture<>();
    Thread looking =
        new Thread(
            () -> {
              try {
                found.complete(detect());
              } catch (RuntimeException e) {
                found.completeExceptionally(e);
              }
            },
            "ocr-detect");
    looking.setDaemon(true);
    looking.start();
    return found::join;
  }

  /** Tesseract on the PATH, if it runs and has its English model. */
  public static Optional<Ocr> detect() {
    return detect("tesseract");
  }

  /** Tesseract at {@code command}, if it runs and lists the English model. */
  public static Optional<Ocr> detect(String command) {
    try {
      Process p = new ProcessBuilder(command, "--list-langs").redirectErrorStream(true).start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return Optional.empty();
      }
      if (out.lines().map(String::strip).noneMatch("eng"::equals)) {
        return Optional.empty();
      }
      Process v = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
      String version;
      try (InputStream in = v.getInputStream()) {
        version =
            new String(in.readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .findFirst()
                .orElse("tesseract");
      }
      v.waitFor(30, TimeUnit.SECONDS);
      return Optional.of(new Ocr(command, version.strip()));
    } catch (IOException e) {
      return Optional.empty(); // not installed: the caller reports OCR as off
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The program's version line, e.g. "tesseract 5.3.0". */
  public String version() {
    return version;
  }

  /**
   * The text of each page of an image file (a multi-page TIFF has several), in order.
   *
   * @throws DocumentLoadException when tesseract fails on the file
   */
  public List<String> recognise(Path image) {
    String out = run(image);
    List<String> pages = new ArrayList<>();
    // Tesseract ends every page with a form feed.
    for (String page : out.split("\f", -1)) {
      pages.add(page);
    }
    if (pages.size() > 1 && pages.get(pages.size() - 1).isBlank()) {
      pages.remove(pages.size() - 1);
    }
    return pages;
  }

  /** The text of one rendered page. */
  public String recognise(BufferedImage page) {
    Path png = null;
    try {
      png = Files.createTempFile("askdocs-ocr-", ".png");
      ImageIO.write(page, "png", png.toFile());
      return String.join("\n\n", recognise(png));
    } catch (IOException e) {
      throw new DocumentLoadException("cannot write a page image for OCR: " + e.getMessage(), e);
    } finally {
      deleteQuietly(png);
    }
  }

  private String run(Path image) {
    Process p;
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command, image.toString(), "stdout", "-l", "eng")
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("OMP_THREAD_LIMIT", "1");
      p = pb.start();
    } catch (IOException e) {
      throw new DocumentLoadException("OCR could not start: " + e.getMessage(), e);
    }
    try (InputStream in = p.getInputStream()) {
      String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new DocumentLoadException("OCR failed (tesseract exit code " + p.exitValue() + ")");
      }
      return out;
    } catch (IOException e) {
      throw new DocumentLoadException("OCR failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DocumentLoadException("OCR interrupted", e);
    } finally {
      // A load over its time budget is interrupted: its tesseract must not outlive it.
      p.destroyForcibly();
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A temporary file left behind is harmless; the OCR result is what matters.
    }
  }
}
