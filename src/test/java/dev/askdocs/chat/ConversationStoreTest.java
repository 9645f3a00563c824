package dev.askdocs.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.config.ConversationSettings;
import dev.askdocs.index.lucene.LuceneConversationIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
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
  final LuceneConversationIndex index = LuceneConversationIndex.inMemory();
  final ConversationStore store =
      new ConversationStore(index, new ConversationSettings(3, Duration.ofMinutes(30), 2), clock);

  @AfterEach
  void close() {
    index.close();
  }

  Turn turn(String q) {
    return new Turn(q, q, "answer to " + q, clock.instant());
  }

  void append(String id, String q) {
    store.append("me", "default", id, Integer.MAX_VALUE, turn(q));
    clock.now = clock.now.plusSeconds(1);
  }

  @Test
  void keeps_the_last_turns_of_a_conversation_oldest_first() {
    for (String q : new String[] {"q1", "q2", "q3", "q4"}) {
      append("c", q);
    }
    assertThat(store.history("me", "default", "c"))
        .extracting(Turn::question)
        .containsExactly("q2", "q3", "q4");
  }

  @Test
  void cuts_the_conversation_at_an_edited_turn() {
    for (String q : new String[] {"q1", "q2", "q3"}) {
      append("c", q);
    }
    store.append("me", "default", "c", 1, turn("q2 edited"));
    assertThat(store.history("me", "default", "c"))
        .extracting(Turn::question)
        .containsExactly("q1", "q2 edited");
  }

  @Test
  void forgets_a_conversation_left_alone_too_long() {
    append("c", "q1");
    clock.now = clock.now.plus(Duration.ofMinutes(29));
    assertThat(store.history("me", "default", "c")).hasSize(1);
    append("c", "q2");
    clock.now = clock.now.plus(Duration.ofMinutes(31));
    assertThat(store.history("me", "default", "c")).isEmpty();
    assertThat(store.list("me", "", 10, null).conversations()).isEmpty();
  }

  @Test
  void keeps_the_most_recently_updated_conversations_of_a_caller() {
    append("a", "qa");
    append("b", "qb");
    append("a", "qa again"); // a is now updated more recently than b
    append("c", "qc");
    assertThat(store.list("me", "", 10, null).conversations())
        .extracting(Conversation::id)
        .containsExactly("c", "a");
  }

  @Test
  void another_owner_or_collection_does_not_see_a_conversation() {
    append("a", "qa");
    assertThat(store.history("you", "default", "a")).isEmpty();
    assertThat(store.history("me", "other", "a")).isEmpty();
    assertThat(store.find("you", "a")).isEmpty();
    assertThat(store.delete("you", "a")).isFalse();
    assertThat(store.find("me", "a")).isPresent();
  }

  @Test
  void claims_an_event_once_beside_the_conversations() {
    append("a", "qa");
    assertThat(store.claim("event:1", Duration.ofMinutes(10))).isTrue();
    assertThat(store.claim("event:1", Duration.ofMinutes(10))).isFalse();
    store.release("event:1");
    assertThat(store.claim("event:1", Duration.ofMinutes(10))).isTrue();
    append("a", "qa again");
    assertThat(store.history("me", "default", "a")).hasSize(2);
  }

  @Test
  void an_unknown_conversation_has_no_history_and_new_ids_differ() {
    assertThat(store.history("me", "default", "never")).isEmpty();
    assertThat(store.newId()).isNotEqualTo(store.newId());
  }
}
