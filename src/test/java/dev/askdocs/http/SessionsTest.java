package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.access.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionsTest {
  static final Identity ADA = new Identity("ada", Set.of("staff"), Identity.Kind.PERSON, Set.of());

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-12-07T08:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void a_session_ends_when_unused_for_the_idle_time() {
    TestClock clock = new TestClock();
    Sessions sessions = new Sessions(Duration.ofHours(8), Duration.ofHours(1), clock);
    Sessions.Session s = sessions.create(ADA, "id-token");
    clock.now = clock.now.plus(Duration.ofMinutes(59));
    assertThat(sessions.find(s.id())).isEqualTo(s);
    clock.now = clock.now.plus(Duration.ofMinutes(59)); // used a minute ago: still alive
    assertThat(sessions.find(s.id())).isEqualTo(s);
    clock.now = clock.now.plus(Duration.ofMinutes(60));
    assertThat(sessions.find(s.id())).isNull();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void a_session_ends_at_its_absolute_limit_however_busy() {
    TestClock clock = new TestClock();
    Sessions sessions = new Sessions(Duration.ofHours(8), Duration.ofHours(1), clock);
    Sessions.Session s = sessions.create(ADA, null);
    for (int i = 0; i < 15; i++) {
      clock.now = clock.now.plus(Duration.ofMinutes(30));
      assertThat(sessions.find(s.id())).isNotNull();
    }
    clock.now = clock.now.plus(Duration.ofMinutes(30)); // 8 h after sign-in
    assertThat(sessions.find(s.id())).isNull();
  }

  @Test
  void ids_and_tokens_are_256_random_bits_and_unknown_ids_find_nothing() {
    Sessions sessions = new Sessions(Duration.ofHours(8), Duration.ofHours(1), new TestClock());
    Sessions.Session a = sessions.create(ADA, null);
    Sessions.Session b = sessions.create(ADA, null);
    assertThat(java.util.Base64.getUrlDecoder().decode(a.id())).hasSize(32);
    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(a.csrfToken()).isNotEqualTo(a.id()).isNotEqualTo(b.csrfToken());
    assertThat(sessions.find(a.id().substring(1))).isNull();
    assertThat(sessions.find(null)).isNull();
    sessions.remove(a.id());
    assertThat(sessions.find(a.id())).isNull();
    assertThat(sessions.find(b.id())).isEqualTo(b);
  }

  @Test
  void the_csrf_token_must_match_exactly() {
    Sessions sessions = new Sessions(Duration.ofHours(8), Duration.ofHours(1), new TestClock());
    Sessions.Session s = sessions.create(ADA, null);
    assertThat(Sessions.csrfMatches(s, s.csrfToken())).isTrue();
    assertThat(Sessions.csrfMatches(s, null)).isFalse();
    assertThat(Sessions.csrfMatches(s, "")).isFalse();
    assertThat(Sessions.csrfMatches(s, s.csrfToken() + "x")).isFalse();
  }
}
