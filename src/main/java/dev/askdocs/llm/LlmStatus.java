package dev.askdocs.llm;

import java.time.Instant;

/**
 * How the language-model endpoint is doing, as {@code /health} shows it. Never holds the API key.
 *
 * @param configured false when LLM answers are off (no base URL)
 * @param state {@code off}, {@code unchecked}, {@code ok}, or a {@link LlmFailure#id()} such as
 *     {@code unauthorized} or {@code unreachable}
 * @param message what was seen, for a person; null when all is well
 * @param checkedAt when the state was last seen; null before the first check
 */
public record LlmStatus(
    boolean configured,
    String baseUrl,
    String model,
    boolean apiKeySet,
    String state,
    String message,
    Instant checkedAt) {

  /** LLM answers are off. */
  public static LlmStatus off() {
    return new LlmStatus(false, null, null, false, "off", null, null);
  }
}
