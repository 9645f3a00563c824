package dev.askdocs.http;

import dev.askdocs.ingest.IngestProgress;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.llm.LlmStatus;
import dev.askdocs.load.OcrStatus;
import java.util.Optional;

/**
 * Whether the service can answer yet, as the HTTP layer sees it. Implemented by the composition
 * root, which runs the start-up ingest. Thread-safe.
 */
public interface ServiceState {
  /**
   * True once questions can be answered: at start when the index already holds documents, else when
   * the start-up ingest has finished.
   */
  boolean ready();

  /**
   * The one readiness check of the API's handlers.
   *
   * @throws NotReadyException while the index is being built, or when start-up failed
   */
  default void requireReady() {
    if (!ready()) {
      throw new NotReadyException(
          failure()
              .map(f -> "start-up failed: " + f)
              .orElse("the index is still being built; retry shortly"));
    }
  }

  /** Why start-up failed, if it did. */
  Optional<String> failure();

  /** The most recent ingest, if any has finished. */
  Optional<IngestReport> lastIngest();

  /** The running ingest's progress, if one runs. */
  default Optional<IngestProgress.Status> ingestProgress() {
    return Optional.empty();
  }

  /** The language model's state; {@link LlmStatus#off()} when LLM answers are off. */
  LlmStatus llm();

  /** Whether scans and images are read (Tesseract found at start-up). */
  OcrStatus ocr();
}
