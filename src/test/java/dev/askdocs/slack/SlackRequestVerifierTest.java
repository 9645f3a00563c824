package dev.askdocs.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Signatures made by the Slack SDK's own generator, checked against a fixed clock. */
class SlackRequestVerifierTest {
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String BODY = "command=%2Fask&text=who+is+it%3F&response_url=x";

  private final SlackRequestVerifier verifier =
      new SlackRequestVerifier(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

  private static String ts(Instant when) {
    return Long.toString(when.getEpochSecond());
  }

  private static String sign(String secret, String timestamp, String body) {
    return new SlackSignature.Generator(secret).generate(timestamp, body);
  }

  private boolean verify(String timestamp, String signature, String body) {
    return verifier.verify(timestamp, signature, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void accepts_a_request_signed_with_the_secret() {
    assertThat(verify(ts(NOW), sign(SECRET, ts(NOW), BODY), BODY)).isTrue();
  }

  @Test
  void accepts_timestamps_within_five_minutes_either_way() {
    Instant early = NOW.minusSeconds(299);
    Instant late = NOW.plusSeconds(299);
    assertThat(verify(ts(early), sign(SECRET, ts(early), BODY), BODY)).isTrue();
    assertThat(verify(ts(late), sign(SECRET, ts(late), BODY), BODY)).isTrue();
  }

  @Test
  void refuses_a_signature_made_with_another_secret() {
    assertThat(verify(ts(NOW), sign("another-secret", ts(NOW), BODY), BODY)).isFalse();
  }

  @Test
  void refuses_a_body_altered_after_signing() {
    String signature = sign(SECRET, ts(NOW), BODY);
    assertThat(verify(ts(NOW), signature, BODY.replace("who", "how"))).isFalse();
    assertThat(verify(ts(NOW), signature, BODY + "&x=1")).isFalse();
  }

  @Test
  void refuses_timestamps_six_minutes_away() {
    Instant old = NOW.minusSeconds(360);
    Instant future = NOW.plusSeconds(360);
    assertThat(verify(ts(old), sign(SECRET, ts(old), BODY), BODY)).isFalse();
    assertThat(verify(ts(future), sign(SECRET, ts(future), BODY), BODY)).isFalse();
  }

  @Test
  void refuses_missing_or_malformed_headers() {
    String signature = sign(SECRET, ts(NOW), BODY);
    assertThat(verify(null, signature, BODY)).isFalse();
    assertThat(verify(ts(NOW), null, BODY)).isFalse();
    assertThat(verify(null, null, BODY)).isFalse();
    assertThat(verify("yesterday", signature, BODY)).isFalse();
    assertThat(verify(ts(NOW), "v0=", BODY)).isFalse();
    assertThat(verify(ts(NOW), signature.toUpperCase(), BODY)).isFalse();
  }

  // The SDK's generator hashes with the JVM's default charset, Slack with UTF-8: they agree only
  // where the default is UTF-8 (always from Java 18; with a UTF-8 locale before).
  @Test
  void checks_the_utf8_bytes_slack_signed() {
    assumeTrue(
        Charset.defaultCharset().equals(StandardCharsets.UTF_8),
        "default charset is " + Charset.defaultCharset() + ", not UTF-8");
    String body = "{\"event\":{\"text\":\"¿Qué dijo Durrani? ✓\"}}";
    assertThat(verify(ts(NOW), sign(SECRET, ts(NOW), body), body)).isTrue();
  }
}
