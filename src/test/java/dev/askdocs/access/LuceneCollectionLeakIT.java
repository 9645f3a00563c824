package dev.askdocs.access;

import dev.askdocs.config.Config;
import java.nio.file.Path;

/** {@link CollectionLeakContract} on the embedded Lucene index. */
class LuceneCollectionLeakIT extends CollectionLeakContract {
  @Override
  Config backend(Config config, Path tmp) {
    return config;
  }
}
