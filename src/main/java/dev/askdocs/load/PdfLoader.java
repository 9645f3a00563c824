package dev.askdocs.load;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.InflaterInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Loads PDF files with PDFBox, page by page.
 *
 * <p>Page texts are joined with a blank line ({@code "\n\n"}); {@link LoadedDocument#pageStarts()}
 * holds where each page begins, one entry per page, so a page without text starts where the next
 * text starts. The title is the metadata title when set, else the first non-blank line. Password
 * protected, corrupt or truncated files are rejected as "not a readable PDF: reason". A page with
 * no text layer but images (a scan) is rendered at its scan's resolution and read by {@link Ocr}
 * when Tesseract is installed, keeping its page number; without Tesseract, a file whose pages hold
 * no text is rejected as "no extractable text (scanned PDF?)" with the packages to install. PDFBox
 * keeps its stream caches in temporary files, so a hostile PDF cannot fill the heap with decoded
 * streams. Stateless and thread-safe.
 */
public final class PdfLoader implements DocumentLoader {
  private static final String PAGE_SEPARATOR = "\n\n";

  /** Scanned pages are rendered for OCR at the resolution of their scan, within these bounds. */
  static final float MIN_OCR_DPI = 72;

  static final float MAX_OCR_DPI = 300;

  /** The resolution for a page whose images say nothing of theirs. */
  static final float DEFAULT_OCR_DPI = 200;

  private final Supplier<Optional<Ocr>> ocr;

  /** A loader without OCR: scanned pages are left out. */
  public PdfLoader() {
    this(Optional.empty());
  }

  /**
   * @param ocr Tesseract for pages without a text layer, or empty
   */
  public PdfLoader(Optional<Ocr> ocr) {
    this(() -> ocr);
  }

  /**
   * @param ocr Tesseract or empty, asked at the first page without a text layer (so that looking
   *     for Tesseract can run beside start-up: {@link Ocr#detectInBackground()})
   */
  public PdfLoader(Supplier<Optional<Ocr>> ocr) {
    this.ocr = ocr;
  }

  /**
   * A page whose decoded drawing instructions exceed this is refused before its text is extracted:
   * a few kilobytes of compressed stream can inflate to gigabytes (a compression bomb), and text
   * extraction would hold it all. Text-heavy pages hold tens of kilobytes.
   */
  static final long MAX_PAGE_CONTENT_BYTES = 16L * 1024 * 1024;

  /** More text than this (a few thousand books' pages) is refused rather than held in memory. */
  static final int MAX_TEXT_CHARS = 20_000_000;

  @Override
  public Set<String> extensions() {
    return Set.of("pdf");
  }

  @Override
  public LoadedDocument load(Path file) {
    // Checked first so a missing file is not reported as a damaged PDF.
    if (!Files.isRegularFile(file)) {
      throw ReadFailure.of(new NoSuchFileException(file.toString()));
    }
    if (file.toFile().length() == 0) {
      throw new DocumentLoadException("empty file");
    }
    try (PDDocument pdf =
        Loader.loadPDF(file.toFile(), "", IOUtils.createTempFileOnlyStreamCache())) {
      return read(pdf);
    } catch (InvalidPasswordException e) {
      throw new DocumentLoadException("not a readable PDF: password protected", e);
    } catch (IOException | RuntimeException e) {
      // PDFBox reports damaged files with all kinds of exceptions; none of them is our bug.
      if (e instanceof DocumentLoadException loadFailure) {
        throw loadFailure;
      }
      throw new DocumentLoadException("not a readable PDF: " + reason(e), e);
    }
  }

  private LoadedDocument read(PDDocument pdf) throws IOException {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setLineSeparator("\n");
    StringBuilder text = new StringBuilder();
    List<Integer> pageStarts = new ArrayList<>();
    int pagesWaitingForText = 0;
    for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
      if (contentBytes(pdf.getPage(page - 1)) > MAX_PAGE_CONTENT_BYTES) {
        throw new DocumentLoadException(
            "page " + page + " holds more than 16 MiB of drawing instructions (compression bomb?)");
      }
      stripper.setStartPage(page);
      stripper.setEndPage(page);
      String pageText = Utf8Text.normalise(stripper.getText(pdf));
      if (pageText.isBlank() && ocr.get().isPresent() && hasImages(pdf.getPage(page - 1))) {
        pageText = Utf8Text.normalise(ocr.get().orElseThrow().recognise(render(pdf, page - 1)));
      }
      if (pageText.isBlank()) {
        pagesWaitingForText++;
        continue;
      }
      if (text.length() > 0) {
        text.append(PAGE_SEPARATOR);
      }
      for (int i = 0; i <= pagesWaitingForText; i++) {
        pageStarts.add(text.length());
      }
      pagesWaitingForText = 0;
      text.append(pageText);
      if (text.length() > MAX_TEXT_CHARS) {
        throw new DocumentLoadException("more than " + MAX_TEXT_CHARS + " characters of text");
      }
    }
    if (text.length() == 0) {
      throw new DocumentLoadException(
          ocr.get().isPresent()
              ? "no extractable text, none found by OCR either"
              : "no extractable text (scanned PDF?); " + Ocr.INSTALL_HINT);
    }
    for (int i = 0; i < pagesWaitingForText; i++) {
      pageStarts.add(text.length());
    }
    String body = text.toString();
    String title = Titles.clean(pdf.getDocumentInformation().getTitle());
    return new LoadedDocument(title == null ? Titles.firstLine(body) : title, body, pageStarts);
  }

  private static boolean hasImages(PDPage page) {
    PDResources resources = page.getResources();
    return resources != null && resources.getXObjectNames().iterator().hasNext();
  }

  /**
   * The page as a grey image at the resolution of its widest image (the scan), 72 to 300 dpi.
   * Rendering a coarse scan at a fixed 200 dpi enlarges its text past what Tesseract's layout
   * analysis expects: on a 72 dpi table scan it then dropped whole rows that it reads at 72.
   */
  private static BufferedImage render(PDDocument pdf, int pageIndex) throws IOException {
    PDPage page = pdf.getPage(pageIndex);
    float dpi = DEFAULT_OCR_DPI;
    int widest = 0;
    for (COSName name : page.getResources().getXObjectNames()) {
      if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
        widest = Math.max(widest, image.getWidth());
      }
    }
    float pageInches = page.getMediaBox().getWidth() / 72f;
    if (widest > 0 && pageInches > 0) {
      dpi = Math.max(MIN_OCR_DPI, Math.min(MAX_OCR_DPI, widest / pageInches));
    }
    return new PDFRenderer(pdf).renderImageWithDPI(pageIndex, dpi, ImageType.GRAY);
  }

  /**
   * The page's decoded content length, counted up to just past the limit. Flate streams (the bomb's
   * usual form) are inflated here as a stream, so counting holds 64 KiB however much they inflate
   * to; streams with other filters are decoded by PDFBox, which holds them whole.
   */
  private static long contentBytes(PDPage page) throws IOException {
    COSBase contents = page.getCOSObject().getDictionaryObject(COSName.CONTENTS);
    List<COSStream> streams = new ArrayList<>();
    if (contents instanceof COSStream stream) {
      streams.add(stream);
    } else if (contents instanceof COSArray array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.getObject(i) instanceof COSStream stream) {
          streams.add(stream);
        }
      }
    }
    long n = 0;
    byte[] buffer = new byte[64 * 1024];
    for (COSStream stream : streams) {
      try (InputStream in = decoded(stream)) {
        for (int r = in.read(buffer); r >= 0 && n <= MAX_PAGE_CONTENT_BYTES; r = in.read(buffer)) {
          n += r;
        }
      }
      if (n > MAX_PAGE_CONTENT_BYTES) {
        break;
      }
    }
    return n;
  }

  private static InputStream decoded(COSStream stream) throws IOException {
    COSBase filters = stream.getFilters();
    if (filters == null) {
      return stream.createRawInputStream();
    }
    boolean flateOnly =
        COSName.FLATE_DECODE.equals(filters)
            || (filters instanceof COSArray a
                && a.size() == 1
                && COSName.FLATE_DECODE.equals(a.getObject(0)));
    if (flateOnly && stream.getDictionaryObject(COSName.DECODE_PARMS) == null) {
      // Damaged data ends the count early instead of failing: PDFBox reports it while parsing.
      return new InflaterInputStream(stream.createRawInputStream()) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          try {
            return super.read(b, off, len);
          } catch (java.util.zip.ZipException e) {
            return -1;
          }
        }
      };
    }
    return stream.createInputStream();
  }

  private static String reason(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
