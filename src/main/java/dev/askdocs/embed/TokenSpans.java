package dev.askdocs.embed;

import dev.askdocs.chunk.Span;
import java.util.List;

/**
 * Which tokens of an encoded text make up each character span of it, so that a span's vector can be
 * pooled from the text's model run. A token belongs to the span its first character is in; special
 * tokens ([CLS], [SEP]) belong to none.
 */
final class TokenSpans {
  private TokenSpans() {}

  /**
   * @param starts each token's first character in the text (UTF-16 index)
   * @param ends each token's end character, exclusive
   * @param special whether each token is a special token
   * @param truncated whether the text was cut at the model's window: a span reaching past the last
   *     token the model saw is then not whole
   * @return for each span, {@code {first, end}} token indices (end exclusive), or null when the
   *     span has no token or is not whole
   */
  static int[][] of(
      int[] starts, int[] ends, boolean[] special, boolean truncated, List<Span> spans) {
    int lastEnd = 0;
    for (int t = 0; t < starts.length; t++) {
      if (!special[t]) {
        lastEnd = Math.max(lastEnd, ends[t]);
      }
    }
    int[][] out = new int[spans.size()][];
    for (int i = 0; i < spans.size(); i++) {
      Span s = spans.get(i);
      if (truncated && s.end() > lastEnd) {
        continue;
      }
      int first = -1;
      int end = -1;
      for (int t = 0; t < starts.length; t++) {
        if (!special[t] && starts[t] >= s.start() && starts[t] < s.end()) {
          first = first < 0 ? t : first;
          end = t + 1;
        }
      }
      out[i] = first < 0 ? null : new int[] {first, end};
    }
    return out;
  }
}
