package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  /** A clock the test moves by hand: the one outer boundary here. */
  static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void refuses_the_request_past_the_limit_until_the_window_is_over() {
    HandClock clock = new HandClock();
    RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(60), clock);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("key:a")).isZero();
    }
    clock.now = clock.now.plusSeconds(20);
    assertThat(limiter.acquire("key:a")).isEqualTo(40);
    assertThat(limiter.acquire("key:b")).as("another client has its own window").isZero();
    clock.now = clock.now.plusMillis(39_500);
    assertThat(limiter.acquire("key:a")).as("rounded up to whole seconds").isEqualTo(1);
    clock.now = clock.now.plusMillis(500);
    assertThat(limiter.acquire("key:a")).isZero();
  }

  @Test
  void a_limit_of_zero_lets_everything_through() {
    RateLimiter limiter = new RateLimiter(0, Duration.ofSeconds(1), new HandClock());
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.acquire("ip:1")).isZero();
    }
  }
}
