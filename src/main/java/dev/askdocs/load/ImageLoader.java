package dev.askdocs.load;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Loads scanned pages and pictures of text (PNG, JPEG, TIFF) by OCR ({@link Ocr}). A multi-page
 * TIFF keeps its pages ({@link LoadedDocument#pageStarts()}). Without Tesseract, every image is
 * refused with a reason that names the package to install; an image without recognisable text as
 * "no text found by OCR". The title is the first line of the text. Thread-safe.
 */
public final class ImageLoader implements DocumentLoader {
  private final Supplier<Optional<Ocr>> ocr;

  /**
   * @param ocr Tesseract, or empty when it is not installed
   */
  public ImageLoader(Optional<Ocr> ocr) {
    this(() -> ocr);
  }

  /**
   * @param ocr Tesseract or empty, asked at the first image ({@link Ocr#detectInBackground()})
   */
  public ImageLoader(Supplier<Optional<Ocr>> ocr) {
    this.ocr = ocr;
  }

  @Override
  public Set<String> extensions() {
    return Set.of("png", "jpg", "jpeg", "tif", "tiff");
  }

  @Override
  public LoadedDocument load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw ReadFailure.of(new NoSuchFileException(file.toString()));
    }
    if (file.toFile().length() == 0) {
      throw new DocumentLoadException("empty file");
    }
    Ocr tesseract =
        ocr.get()
            .orElseThrow(() -> new DocumentLoadException("image needs OCR: " + Ocr.INSTALL_HINT));
    StringBuilder text = new StringBuilder();
    List<Integer> pageStarts = new ArrayList<>();
    for (String page : tesseract.recognise(file)) {
      String pageText = Utf8Text.normalise(page);
      if (text.length() > 0 && !pageText.isBlank()) {
        text.append("\n\n");
      }
      pageStarts.add(text.length());
      text.append(pageText);
    }
    if (text.toString().isBlank()) {
      throw new DocumentLoadException("no text found by OCR");
    }
    String body = text.toString();
    return new LoadedDocument(
        Titles.firstLine(body), body, pageStarts.size() > 1 ? pageStarts : List.of());
  }
}
