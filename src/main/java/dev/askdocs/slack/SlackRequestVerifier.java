package dev.askdocs.slack;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;

/**
 * Checks that a request comes from Slack: its {@code X-Slack-Signature} must be the HMAC-SHA256 of
 * {@code v0:timestamp:body} under the signing secret, and its {@code X-Slack-Request-Timestamp}
 * within five minutes of now, either way. Thread-safe.
 *
 * <p>The HMAC is computed by the SDK's {@link SlackSignature.Generator}. The SDK's own {@code
 * Verifier} is not used because it compares signatures with {@code String.equals}, which leaks
 * timing, and accepts timestamps from any time in the future; this class compares in constant time
 * and bounds the window both ways.
 */
final class SlackRequestVerifier {
  /** Slack's replay window. */
  static final Duration WINDOW = Duration.ofMinutes(5);

  private final SlackSignature.Generator generator;
  private final Clock clock;

  SlackRequestVerifier(String signingSecret, Clock clock) {
    this.generator = new SlackSignature.Generator(signingSecret);
    this.clock = clock;
  }

  /**
   * True when the request is Slack's; false for anything else, including missing or malformed
   * headers. Never throws and never logs: nothing about an unverified request is worth keeping.
   *
   * @param timestamp the {@code X-Slack-Request-Timestamp} header, or null
   * @param signature the {@code X-Slack-Signature} header, or null
   * @param body the raw request body, exactly as received
   */
  boolean verify(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null || !fresh(timestamp)) {
      return false;
    }
    // Slack signs the UTF-8 bytes it sent; decoding them here gives the SDK the same string.
    String expected = generator.generate(timestamp, new String(body, StandardCharsets.UTF_8));
    return expected != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
  }

  private boolean fresh(String timestamp) {
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    long age = clock.instant().getEpochSecond() - seconds;
    return Math.abs(age) <= WINDOW.toSeconds();
  }
}
