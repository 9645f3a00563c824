package dev.askdocs.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles by the nearest-rank method, over milliseconds or rates. */
final class Stats {
  private Stats() {}

  /** The {@code p}-th percentile (0-100) of {@code values}; NaN when there are none. */
  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.min(sorted.size() - 1, Math.max(0, rank - 1)));
  }

  static double median(List<Double> values) {
    return percentile(values, 50);
  }

  static double millis(long nanos) {
    return nanos / 1e6;
  }
}
