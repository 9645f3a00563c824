package dev.askdocs;

import dev.askdocs.config.Config;
import dev.askdocs.config.ConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test corpora and question sets kept in the repository. */
public final class TestCorpus {
  /** The seed article's file name in corpus/. */
  public static final String SEED = "taliban-urges-pakistan-to-pursue-peace-with-the-ttp.txt";

  private TestCorpus() {}

  /** Copies the seed article from the repository's corpus/ folder into {@code dir}. */
  public static Path withSeed(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.copy(Path.of("corpus", SEED), dir.resolve(SEED));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A config serving the seed article from {@code tmp/corpus}, with its index in {@code tmp/index},
   * on a free port: what most server tests start from, before their own settings.
   */
  public static ConfigBuilder servingSeed(Path tmp) {
    return Config.builder()
        .set(Config.CORPUS_DIR, withSeed(tmp.resolve("corpus")))
        .set(Config.INDEX_DIR, tmp.resolve("index"))
        .set(Config.PORT, 0);
  }

  /** Non-comment, non-blank lines of a resource under src/test/resources. */
  public static List<String> lines(String resource) {
    try (InputStream in = TestCorpus.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
