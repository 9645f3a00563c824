package dev.askdocs.load;

import java.util.Optional;

/**
 * Whether scans and images can be read, for {@code /health}.
 *
 * @param enabled true when Tesseract with its English model was found
 * @param engine the engine's version line when enabled, else null
 * @param message when off, what to install; else null
 */
public record OcrStatus(boolean enabled, String engine, String message) {
  /** The status of {@code ocr}: on with its version, or off with what to install. */
  public static OcrStatus of(Optional<Ocr> ocr) {
    return ocr.map(o -> new OcrStatus(true, o.version(), null))
        .orElseGet(
            () -> new OcrStatus(false, null, "scans and images are skipped: " + Ocr.INSTALL_HINT));
  }
}
