package dev.askdocs.http;

import dev.askdocs.answer.LlmStatus;
import dev.askdocs.ingest.IngestReport;
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

  /** Why start-up failed, if it did. */
  Optional<String> failure();

  /** The most recent ingest, if any has finished. */
  Optional<IngestReport> lastIngest();

  /** The language model's state; {@link LlmStatus#off()} when LLM answers are off. */
  LlmStatus llm();

  /** Whether scans and images are read (Tesseract found at start-up). */
  OcrStatus ocr();
}
