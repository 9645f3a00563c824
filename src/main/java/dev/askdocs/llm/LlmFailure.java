package dev.askdocs.llm;

import java.util.Locale;

/** Why the language model gave no usable answer; decides whether a retry is worth it. */
public enum LlmFailure {
  TIMEOUT(true, "did not answer in time"),
  UNREACHABLE(true, "could not be reached"),
  RATE_LIMITED(true, "is rate-limiting askdocs"),
  SERVER_ERROR(true, "failed with a server error"),
  UNAUTHORIZED(false, "refused askdocs' API key"),
  MODEL_NOT_FOUND(false, "does not know the configured model"),
  REJECTED(false, "rejected the request"),
  EMPTY(false, "gave an empty answer"),
  ERROR(false, "failed");

  private final boolean retriable;
  private final String says;

  LlmFailure(boolean retriable, String says) {
    this.retriable = retriable;
    this.says = says;
  }

  /** True for failures that may pass: timeouts, refused connections, 429 and 5xx. */
  public boolean retriable() {
    return retriable;
  }

  /** The wire name, as in {@code /health}: {@code rate_limited}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Completes "The language model ...": {@code did not answer in time}. */
  public String says() {
    return says;
  }
}
