package dev.askdocs.config;

import java.time.Duration;
import java.util.List;

/**
 * How much conversation askdocs remembers, in memory, to understand follow-up questions.
 *
 * @param maxTurns questions and answers kept per conversation; older ones are forgotten
 * @param maxAge a conversation untouched for this long is forgotten
 * @param maxConversations conversations kept at once; the least recently used goes first
 */
public record ConversationSettings(int maxTurns, Duration maxAge, int maxConversations) {
  public static final int DEFAULT_MAX_TURNS = 10;
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(60);
  public static final int DEFAULT_MAX_CONVERSATIONS = 1000;

  public static final Setting TURNS =
      Setting.of(
          "ASKDOCS_CONVERSATION_TURNS",
          DEFAULT_MAX_TURNS,
          "Turns remembered per conversation (1-100)",
          c -> c.conversations().maxTurns());
  public static final Setting TTL_MINUTES =
      Setting.of(
          "ASKDOCS_CONVERSATION_TTL_MINUTES",
          DEFAULT_MAX_AGE.toMinutes(),
          "A conversation untouched this long is forgotten",
          c -> c.conversations().maxAge().toMinutes());
  public static final Setting MAX =
      Setting.of(
          "ASKDOCS_CONVERSATIONS_MAX",
          DEFAULT_MAX_CONVERSATIONS,
          "Conversations remembered at once; the least recently used is forgotten first",
          c -> c.conversations().maxConversations());
  static final List<Setting> ALL = List.of(TURNS, TTL_MINUTES, MAX);

  public ConversationSettings {
    if (maxTurns < 1 || maxTurns > 100) {
      throw new ConfigException(TURNS.name(), "must be between 1 and 100");
    }
    if (maxAge.toMinutes() < 1 || maxAge.toMinutes() > 7 * 24 * 60) {
      throw new ConfigException(TTL_MINUTES.name(), "must be between 1 and " + 7 * 24 * 60);
    }
    if (maxConversations < 1 || maxConversations > 1_000_000) {
      throw new ConfigException(MAX.name(), "must be between 1 and 1000000");
    }
  }

  public static ConversationSettings defaults() {
    return fromEnv(new EnvReader(java.util.Map.of()));
  }

  static ConversationSettings fromEnv(EnvReader r) {
    return new ConversationSettings(
        r.integer(TURNS), Duration.ofMinutes(r.integer(TTL_MINUTES)), r.integer(MAX));
  }
}
