package dev.askdocs.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.config.ConversationSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConversationStoreTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-29T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final ManualClock clock = new ManualClock();
  final ConversationStore store =
      new ConversationStore(new ConversationSettings(3, Duration.ofMinutes(30), 2), clock);

  Turn turn(String q) {
    return new Turn(q, q, "answer to " + q, clock.instant());
  }

  @Test
  void keeps_the_last_turns_of_a_conversation_oldest_first() {
    for (String q : new String[] {"q1", "q2", "q3", "q4"}) {
      store.append("c", turn(q));
    }
    assertThat(store.history("c")).extracting(Turn::question).containsExactly("q2", "q3", "q4");
  }

  @Test
  void forgets_a_conversation_left_alone_too_long() {
    store.append("c", turn("q1"));
    clock.now = clock.now.plus(Duration.ofMinutes(29));
    assertThat(store.history("c")).hasSize(1);
    store.append("c", turn("q2"));
    clock.now = clock.now.plus(Duration.ofMinutes(31));
    assertThat(store.history("c")).isEmpty();
  }

  @Test
  void forgets_the_least_recently_used_conversation_first() {
    store.append("a", turn("qa"));
    store.append("b", turn("qb"));
    store.history("a"); // a is now used more recently than b
    store.append("c", turn("qc"));
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.history("b")).isEmpty();
    assertThat(store.history("a")).hasSize(1);
  }

  @Test
  void an_unknown_conversation_has_no_history_and_new_ids_differ() {
    assertThat(store.history("never")).isEmpty();
    assertThat(store.newId()).isNotEqualTo(store.newId());
  }
}
