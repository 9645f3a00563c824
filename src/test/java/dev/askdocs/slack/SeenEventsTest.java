package dev.askdocs.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SeenEventsTest {
  private final SteppingClock clock = new SteppingClock();
  private final SeenEvents seen = new SeenEvents(3, Duration.ofMinutes(10), clock);

  @Test
  void handles_an_event_once() {
    assertThat(seen.firstTime("event:Ev1")).isTrue();
    assertThat(seen.firstTime("event:Ev1")).isFalse();
    assertThat(seen.firstTime("event:Ev2")).isTrue();
  }

  @Test
  void any_known_key_makes_an_event_a_repeat() {
    assertThat(seen.firstTime("event:Ev1", "message:D1:1.0")).isTrue();
    assertThat(seen.firstTime("event:Ev2", "message:D1:1.0")).isFalse();
    // The repeat recorded nothing: Ev2 is still new on its own.
    assertThat(seen.firstTime("event:Ev2")).isTrue();
  }

  @Test
  void forgets_keys_after_the_time_to_live() {
    seen.firstTime("event:Ev1");
    clock.advance(Duration.ofMinutes(9));
    assertThat(seen.firstTime("event:Ev1")).isFalse();
    clock.advance(Duration.ofMinutes(2));
    assertThat(seen.firstTime("event:Ev1")).isTrue();
  }

  @Test
  void stays_within_its_capacity_forgetting_the_oldest() {
    for (int i = 1; i <= 5; i++) {
      seen.firstTime("event:Ev" + i);
    }
    assertThat(seen.size()).isEqualTo(3);
    assertThat(seen.firstTime("event:Ev5")).isFalse();
    assertThat(seen.firstTime("event:Ev1")).isTrue();
  }

  @Test
  void forgets_on_request() {
    seen.firstTime("event:Ev1", "message:C1:1.0");
    seen.forget("event:Ev1", "message:C1:1.0");
    assertThat(seen.firstTime("event:Ev1", "message:C1:1.0")).isTrue();
  }

  /** A clock that moves only when told: time is an outer boundary. */
  private static final class SteppingClock extends Clock {
    private Instant now = Instant.parse("2026-03-01T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
