package dev.askdocs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askdocs.AskdocsException;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.ModelInfo;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedVectorsTest {
  @TempDir Path tmp;

  /** Seeded random unit vectors of the model's size; counts what it embeds. */
  static final class FakeModel implements Embedder {
    final List<String> embedded = new ArrayList<>();

    @Override
    public ModelInfo model() {
      return new ModelInfo("fake", 384, 100);
    }

    @Override
    public int countTokens(String text) {
      return text.length();
    }

    @Override
    public float[] embed(String text) {
      embedded.add(text);
      Random r = new Random(text.hashCode());
      float[] v = new float[384];
      double n = 0;
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) r.nextGaussian();
        n += v[i] * v[i];
      }
      for (int i = 0; i < v.length; i++) {
        v[i] /= (float) Math.sqrt(n);
      }
      return v;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      return texts.stream().map(this::embed).toList();
    }

    @Override
    public void close() {}
  }

  @Test
  void embeds_each_text_once_across_runs_and_drops_a_damaged_tail() throws IOException {
    Path file = tmp.resolve("vectors.bin");
    FakeModel model = new FakeModel();
    try (CachedVectors cache = new CachedVectors(model, file)) {
      cache.fill(List.of("alpha", "beta", "gamma"));
    }
    long intact = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(intact);
      raf.write(new byte[] {0, 0, 5, 0, 1, 2}); // a record cut short by a killed run
    }
    try (CachedVectors cache = new CachedVectors(model, file)) {
      assertThat(cache.size()).isEqualTo(3);
      assertThat(cache.embedAll(List.of("beta", "delta")).get(0))
          .containsExactly(model.embed("beta"));
    }
    assertThat(model.embedded).containsExactly("alpha", "beta", "gamma", "delta", "beta");
    try (CachedVectors cache = new CachedVectors(model, file)) {
      assertThat(cache.size()).isEqualTo(4);
    }
  }

  @Test
  void a_second_process_is_refused_while_the_cache_is_open() {
    Path file = tmp.resolve("vectors.bin");
    try (CachedVectors cache = new CachedVectors(new FakeModel(), file)) {
      // Within one JVM the lock shows as an overlapping lock; across processes, as no lock.
      assertThatThrownBy(() -> new CachedVectors(new FakeModel(), file))
          .isInstanceOfAny(
              AskdocsException.class, java.nio.channels.OverlappingFileLockException.class);
    }
  }

  @Test
  void repeated_texts_get_distinct_vectors_close_to_the_original() {
    try (CachedVectors cache = new CachedVectors(new FakeModel(), tmp.resolve("v.bin"))) {
      List<float[]> out = cache.embedAll(List.of("same", "same", "same"));
      assertThat(Embedder.cosine(out.get(0), out.get(1))).isBetween(0.98, 0.9999);
      assertThat(Embedder.cosine(out.get(1), out.get(2))).isBetween(0.97, 0.9999);
      assertThat(cache.copies()).isEqualTo(2);
    }
  }
}
