package dev.askdocs.chat;

import dev.askdocs.config.ConversationSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * Conversations kept in memory: at most {@code maxTurns} turns each (the oldest are forgotten), a
 * conversation untouched for {@code maxAge} is forgotten, and at most {@code maxConversations} are
 * kept (the least recently used goes first). Nothing survives a restart. Thread-safe.
 */
public final class ConversationStore {
  private final ConversationSettings settings;
  private final Clock clock;
  private final LinkedHashMap<String, Conversation> conversations =
      new LinkedHashMap<>(16, 0.75f, true);

  public ConversationStore(ConversationSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** A new, unguessable conversation id. */
  public String newId() {
    return UUID.randomUUID().toString();
  }

  /** The turns of conversation {@code id}, oldest first; empty when it is unknown or forgotten. */
  public synchronized List<Turn> history(String id) {
    expire();
    Conversation c = conversations.get(id);
    return c == null ? List.of() : List.copyOf(c.turns);
  }

  /** Adds a turn to conversation {@code id}, starting it if needed. */
  public synchronized void append(String id, Turn turn) {
    expire();
    Conversation c = conversations.computeIfAbsent(id, k -> new Conversation());
    c.turns.addLast(turn);
    while (c.turns.size() > settings.maxTurns()) {
      c.turns.removeFirst();
    }
    c.touched = clock.instant();
    while (conversations.size() > settings.maxConversations()) {
      Iterator<String> eldest = conversations.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  /** Conversations remembered now. */
  public synchronized int size() {
    expire();
    return conversations.size();
  }

  private void expire() {
    Instant oldest = clock.instant().minus(settings.maxAge());
    conversations.entrySet().removeIf(e -> e.getValue().touched.isBefore(oldest));
  }

  private static final class Conversation {
    final Deque<Turn> turns = new ArrayDeque<>();
    Instant touched;
  }

  @Override
  public synchronized String toString() {
    return "ConversationStore[" + conversations.size() + " conversations, " + settings + "]";
  }

  /** For tests: the raw map's key order, least recently used first. */
  synchronized List<String> idsByUse() {
    return List.copyOf(conversations.keySet());
  }
}
