package dev.askdocs.answer;

import java.util.function.Consumer;

/**
 * Passes streamed text on, except a reply that is only the abstention word: text is held back while
 * all of it could still be {@value LlmAnswerer#NOT_IN_DOCUMENTS}, so a reader never sees the word
 * flash by before "the documents don't contain an answer". Not thread-safe (one stream at a time).
 */
final class SentinelFilter implements Consumer<String> {
  private final Consumer<String> next;
  private final StringBuilder held = new StringBuilder();
  private boolean passing;

  SentinelFilter(Consumer<String> next) {
    this.next = next;
  }

  @Override
  public void accept(String piece) {
    if (passing) {
      next.accept(piece);
      return;
    }
    held.append(piece);
    String sofar = held.toString().stripLeading();
    if (!LlmAnswerer.NOT_IN_DOCUMENTS.startsWith(sofar)) {
      passing = true;
      next.accept(held.toString());
      held.setLength(0);
    }
  }

  /** True when some text has gone on. */
  boolean passedAny() {
    return passing;
  }
}
