package dev.askdocs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one bench run, in the order they were measured, by dotted key ({@code
 * ingest.modelChunksPerSec}). Numbers only, so that runs can be compared key by key.
 */
public final class Results {
  private final Map<String, Object> values = new LinkedHashMap<>();

  /**
   * Records {@code value} rounded to three significant decimals; NaN and infinities are left out.
   */
  void put(String key, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return;
    }
    double rounded = Math.abs(value) >= 100 ? Math.round(value * 10) / 10.0 : round3(value);
    values.put(key, rounded);
  }

  void put(String key, long value) {
    values.put(key, value);
  }

  /** A label, such as which tier a headline figure comes from. */
  void label(String key, String value) {
    values.put(key, value);
  }

  Object get(String key) {
    return values.get(key);
  }

  public Map<String, Object> asMap() {
    return Map.copyOf(values);
  }

  /** Copies every figure under {@code from} to the same name under {@code to}. */
  void alias(String from, String to) {
    Map<String, Object> copies = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(from)) {
            copies.put(to + k.substring(from.length()), v);
          }
        });
    values.putAll(copies);
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  public String toJson() {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(values);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One {@code key value} line per figure. */
  public String toTable() {
    int width = values.keySet().stream().mapToInt(String::length).max().orElse(0);
    StringBuilder out = new StringBuilder();
    values.forEach((k, v) -> out.append(String.format("%-" + width + "s  %s%n", k, v)));
    return out.toString();
  }
}
