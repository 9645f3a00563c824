package dev.askdocs.bench;

import dev.askdocs.AskdocsException;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.ModelInfo;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Real embeddings kept on disk by text, so that a tier's text is embedded once across runs. A text
 * seen again within one index build (a copied document) gets its original vector plus small seeded
 * noise (cosine about 0.99 to it): HNSW then holds distinct points, as a real corpus would, rather
 * than exact duplicates, which its neighbour selection cannot tell apart. Not thread-safe beyond
 * what the ingest pipeline needs (one embedding thread).
 */
final class CachedVectors implements Embedder, AutoCloseable {
  private static final String MAGIC = "askdocs-vectors-v2";
  private static final String MAGIC_V1 = "askdocs-vectors-v1";
  private static final int MAX_RECORD = 1 << 20;

  /** Noise per component: cosine to the original is about 1 / sqrt(1 + 384 * SIGMA^2) = 0.99. */
  static final double SIGMA = 0.0073;

  private final Embedder model;
  private final Map<String, float[]> vectors = new HashMap<>();
  private final Map<String, Integer> seen = new HashMap<>();
  private final FileChannel channel;
  private final FileLock lock;
  private final DataOutputStream append;
  private long embedded;
  private long copies;

  /**
   * Opens (or creates) the cache at {@code file}, holding it locked until {@link #close}.
   *
   * @throws AskdocsException if another bench process has it open
   */
  CachedVectors(Embedder model, Path file) {
    this.model = model;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      this.channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      this.lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new AskdocsException(
            "the vector cache " + file + " is in use by another askdocs bench; wait for it");
      }
      long good = load(file);
      if (good < 0) {
        rewrite(file); // empty, another model's, or the old format: start a clean file
        good = channel.size();
      }
      channel.truncate(good); // drop a record cut short by a killed run
      channel.position(good);
      this.append =
          new DataOutputStream(
              new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the vector cache " + file, e);
    }
  }

  /**
   * Reads the cache into memory; returns the length of its valid prefix, or -1 when it must be
   * rewritten (empty, another model's, or the unchecked first format, whose records are kept when
   * their vectors are sound).
   */
  private long load(Path file) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      String magic = in.readUTF();
      if (!in.readUTF().equals(model.modelName()) || in.readInt() != model.dimension()) {
        return -1;
      }
      if (magic.equals(MAGIC_V1)) {
        loadV1(in);
        return -1;
      }
      if (!magic.equals(MAGIC)) {
        return -1;
      }
      long good = headerLength();
      while (true) {
        int length;
        byte[] payload;
        int crc;
        try {
          length = in.readInt();
          if (length <= 0 || length > MAX_RECORD) {
            return good;
          }
          payload = new byte[length];
          in.readFully(payload);
          crc = in.readInt();
        } catch (EOFException e) {
          return good; // the end, or a record cut short
        }
        CRC32 check = new CRC32();
        check.update(payload);
        if ((int) check.getValue() != crc) {
          return good; // damaged from here on: kept up to the last good record
        }
        DataInputStream record = new DataInputStream(new ByteArrayInputStream(payload));
        String text = record.readUTF();
        float[] v = new float[model.dimension()];
        for (int i = 0; i < v.length; i++) {
          v[i] = record.readFloat();
        }
        vectors.putIfAbsent(text, v);
        good += 4 + length + 4;
      }
    } catch (EOFException e) {
      return -1; // not even a header
    }
  }

  /** The first format had no checksums: records are kept while their vectors are unit length. */
  private void loadV1(DataInputStream in) throws IOException {
    try {
      while (true) {
        String text = in.readUTF();
        float[] v = new float[model.dimension()];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
          v[i] = in.readFloat();
          norm += v[i] * v[i];
        }
        if (!(Math.abs(norm - 1) < 1e-3)) {
          return;
        }
        vectors.putIfAbsent(text, v);
      }
    } catch (EOFException e) {
      // the end, or a record cut short: what came before is kept
    }
  }

  private long headerLength() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    header(new DataOutputStream(bytes));
    return bytes.size();
  }

  private void header(DataOutputStream out) throws IOException {
    out.writeUTF(MAGIC);
    out.writeUTF(model.modelName());
    out.writeInt(model.dimension());
    out.flush();
  }

  /** Replaces the file's content by a header and every vector in memory. */
  private void rewrite(Path file) throws IOException {
    channel.truncate(0);
    channel.position(0);
    DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
    header(out);
    for (Map.Entry<String, float[]> e : vectors.entrySet()) {
      writeRecord(out, e.getKey(), e.getValue());
    }
    out.flush();
  }

  private static void writeRecord(DataOutputStream out, String text, float[] v) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 + text.length() * 3 + v.length * 4);
    DataOutputStream record = new DataOutputStream(bytes);
    record.writeUTF(text);
    for (float x : v) {
      record.writeFloat(x);
    }
    byte[] payload = bytes.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(payload);
    out.writeInt(payload.length);
    out.write(payload);
    out.writeInt((int) crc.getValue());
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

  /** The model's own vector of a text already {@link #fill filled}; no copy noise. */
  float[] vector(String text) {
    float[] v = vectors.get(text);
    if (v == null) {
      throw new IllegalStateException("not filled: " + text);
    }
    return v;
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
        writeRecord(append, missing.get(i), fresh.get(i));
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
  public ModelInfo model() {
    return model.model();
  }

  @Override
  public int countTokens(String text) {
    return model.countTokens(text);
  }

  /** Flushes and unlocks the cache file; the model belongs to the caller. */
  @Override
  public void close() {
    try {
      append.flush();
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
