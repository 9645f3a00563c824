package dev.askdocs.answer;

import dev.askdocs.retrieve.ScoredChunk;
import java.util.List;

/** The passages as the answer prompt shows them: numbered, titled, between unforgeable markers. */
final class PassageText {
  private PassageText() {}

  /** {@code <<<PASSAGE n>>>}, title, source, text, {@code <<<END PASSAGE n>>>}, for each. */
  static String numbered(List<ScoredChunk> passages) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < passages.size(); i++) {
      ScoredChunk p = passages.get(i);
      int n = i + 1;
      if (i > 0) {
        out.append("\n\n");
      }
      out.append("<<<PASSAGE ").append(n).append(">>>\n");
      out.append("Title: ").append(defuse(p.title())).append('\n');
      out.append("Source: ").append(defuse(p.source())).append('\n');
      out.append(defuse(p.chunk().text()).strip()).append('\n');
      out.append("<<<END PASSAGE ").append(n).append(">>>");
    }
    return out.toString();
  }

  /** Document text can't close a passage early or open a new one: no {@code <<<} or {@code >>>}. */
  static String defuse(String text) {
    return text == null ? "" : text.replace("<<<", "< < <").replace(">>>", "> > >");
  }
}
