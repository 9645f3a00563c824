package dev.askdocs.bench;

import dev.askdocs.embed.Embedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Real embeddings kept on disk by text, so that a tier's text is embedded once across runs. A text
 * seen again within one index build (a copied document) gets its original vector plus small seeded
 * noise (cosine about 0.99 to it): HNSW then holds distinct points, as a real corpus would, rather
 * than exact duplicates, which its neighbour selection cannot tell apart. Not thread-safe beyond
 * what the ingest pipeline needs (one embedding thread).
 */
final class CachedVectors implements Embedder, AutoCloseable {
  private static final String MAGIC = "askdocs-vectors-v1";

  /** Noise per component: cosine to the original is about 1 / sqrt(1 + 384 * SIGMA^2) = 0.99. */
  static final double SIGMA = 0.0073;

  private final Embedder model;
  private final Map<String, float[]> vectors = new HashMap<>();
  private final Map<String, Integer> seen = new HashMap<>();
  private final DataOutputStream append;
  private long embedded;
  private long copies;

  CachedVectors(Embedder model, Path file) {
    this.model = model;
    try {
      boolean fresh = !Files.exists(file) || !load(file);
      if (fresh) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
          header(out);
        }
      }
      this.append =
          new DataOutputStream(
              new BufferedOutputStream(
                  Files.newOutputStream(file, StandardOpenOption.APPEND), 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the vector cache " + file, e);
    }
  }

  private void header(DataOutputStream out) throws IOException {
    out.writeUTF(MAGIC);
    out.writeUTF(model.modelName());
    out.writeInt(model.dimension());
  }

  /** Reads the cache; false if it belongs to another model (it is then replaced). */
  private boolean load(Path file) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (!in.readUTF().equals(MAGIC)
          || !in.readUTF().equals(model.modelName())
          || in.readInt() != model.dimension()) {
        return false;
      }
      while (true) {
        String text;
        float[] v = new float[model.dimension()];
        try {
          text = in.readUTF();
          for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
          }
        } catch (EOFException e) {
          return true; // the end, or a record cut short by a killed run: dropped
        }
        vectors.put(text, v);
      }
    } catch (EOFException e) {
      return false; // not even a header
    }
  }

  int size() {
    return vectors.size();
  }

  /** Texts embedded by the model since this cache was opened. */
  long embedded() {
    return embedded;
  }

  /** Vectors handed out for repeated texts. */
  long copies() {
    return copies;
  }

  boolean contains(String text) {
    return vectors.containsKey(text);
  }

  /** Embeds the texts the cache lacks, in one model call, and keeps them. */
  void fill(List<String> texts) {
    List<String> missing = texts.stream().filter(t -> !vectors.containsKey(t)).distinct().toList();
    if (missing.isEmpty()) {
      return;
    }
    List<float[]> fresh = model.embedAll(missing);
    try {
      for (int i = 0; i < missing.size(); i++) {
        vectors.put(missing.get(i), fresh.get(i));
        append.writeUTF(missing.get(i));
        for (float x : fresh.get(i)) {
          append.writeFloat(x);
        }
      }
      append.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    embedded += missing.size();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    fill(texts);
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      int occurrence = seen.merge(t, 1, Integer::sum);
      float[] v = vectors.get(t);
      if (occurrence > 1) {
        v = perturbed(v, t.hashCode() * 1_000_003L + occurrence);
        copies++;
      }
      out.add(v);
    }
    return out;
  }

  static float[] perturbed(float[] v, long seed) {
    Random random = new Random(seed);
    float[] out = new float[v.length];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] + SIGMA * random.nextGaussian());
      norm += out[i] * out[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < out.length; i++) {
      out[i] *= scale;
    }
    return out;
  }

  @Override
  public float[] embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  @Override
  public String modelName() {
    return model.modelName();
  }

  @Override
  public int dimension() {
    return model.dimension();
  }

  @Override
  public int maxTokens() {
    return model.maxTokens();
  }

  @Override
  public int countTokens(String text) {
    return model.countTokens(text);
  }

  /** Flushes the cache file; the model belongs to the caller. */
  @Override
  public void close() {
    try {
      append.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
