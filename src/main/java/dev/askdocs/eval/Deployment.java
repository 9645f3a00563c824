package dev.askdocs.eval;

import dev.askdocs.answer.ExtractiveAnswerer;
import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.config.Config;
import dev.askdocs.embed.Embedder;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.retrieve.Retriever;
import java.nio.file.Path;

/**
 * What an evaluation measures: askdocs as it is deployed, with the production ingest path and the
 * services that answer. The command line opens it through {@link Opener} (the composition root's
 * factory), so that {@code eval} measures the real wiring without depending on it.
 *
 * <p>Used by one thread at a time; {@link #close} releases the model and the index.
 */
public interface Deployment extends AutoCloseable {

  /** Incrementally ingests {@code dir} into the index. */
  IngestReport ingest(Path dir);

  /** Hybrid (or BM25, or dense) retrieval over the index. */
  Retriever retriever();

  /** Retrieval followed by the configured answerer. */
  QuestionAnswerer answerer();

  /** The default answerer, for evaluating its sentence scoring. */
  ExtractiveAnswerer extractiveAnswerer();

  /** The embedding model, uncached. */
  Embedder embedder();

  @Override
  void close();

  /** Opens a deployment for a configuration (loads the model, opens the index). */
  @FunctionalInterface
  interface Opener {
    Deployment open(Config config);
  }
}
