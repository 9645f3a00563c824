package dev.askdocs.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorCacheTest {
  @TempDir Path dir;

  private static float[] randomUnit(Random r, int dim) {
    float[] v = new float[dim];
    double n = 0;
    for (int i = 0; i < dim; i++) {
      v[i] = (float) r.nextGaussian();
      n += v[i] * v[i];
    }
    for (int i = 0; i < dim; i++) {
      v[i] /= (float) Math.sqrt(n);
    }
    return v;
  }

  @Test
  void keeps_vectors_across_reopening_within_quantization_error() {
    Random r = new Random(7);
    float[] a = randomUnit(r, 384);
    float[] b = randomUnit(r, 384);
    try (LuceneVectorCache cache = LuceneVectorCache.open(dir, "m", 384)) {
      cache.addAll(List.of("alpha sentence.", "beta sentence."), List.of(a, b));
      assertThat(cache.find("alpha sentence.")).as("not visible before commit").isNull();
      cache.commit();
      assertThat(cache.missing(List.of("beta sentence.", "gamma.", "alpha sentence.")))
          .containsExactly("gamma.");
    }
    try (LuceneVectorCache cache = LuceneVectorCache.open(dir, "m", 384)) {
      assertThat(cache.size()).isEqualTo(2);
      assertThat(Embedder.cosine(cache.find("alpha sentence."), a)).isGreaterThan(0.9995);
      assertThat(Embedder.cosine(cache.find("beta sentence."), b)).isGreaterThan(0.9995);
      assertThat(Embedder.cosine(cache.find("alpha sentence."), b)).isLessThan(0.5);
      assertThat(cache.find("Alpha sentence.")).isNull();
    }
  }

  @Test
  void empties_itself_when_opened_for_another_model() {
    try (LuceneVectorCache cache = LuceneVectorCache.open(dir, "m", 3)) {
      cache.addAll(List.of("x"), List.of(new float[] {1, 0, 0}));
      cache.commit();
    }
    try (LuceneVectorCache cache = LuceneVectorCache.open(dir, "other-model", 3)) {
      assertThat(cache.find("x")).isNull();
      assertThat(cache.size()).isZero();
    }
  }
}
