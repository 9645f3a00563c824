package dev.askdocs.llm;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} header: delay-seconds or an HTTP date. */
final class RetryAfter {
  private RetryAfter() {}

  /** The delay the header asks for; empty when it is unreadable; zero for a date in the past. */
  static Optional<Duration> parse(String header) {
    String v = header.trim();
    try {
      double seconds = Double.parseDouble(v);
      return seconds >= 0 && seconds < 1e9
          ? Optional.of(Duration.ofMillis((long) (seconds * 1000)))
          : Optional.empty();
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
