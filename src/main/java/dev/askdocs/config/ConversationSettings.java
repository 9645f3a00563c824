package dev.askdocs.config;

import java.time.Duration;

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

  public ConversationSettings {
    if (maxTurns < 1 || maxTurns > 100) {
      throw new ConfigException("ASKDOCS_CONVERSATION_TURNS", "must be between 1 and 100");
    }
    if (maxAge.toMinutes() < 1 || maxAge.toMinutes() > 7 * 24 * 60) {
      throw new ConfigException(
          "ASKDOCS_CONVERSATION_TTL_MINUTES", "must be between 1 and " + 7 * 24 * 60);
    }
    if (maxConversations < 1 || maxConversations > 1_000_000) {
      throw new ConfigException("ASKDOCS_CONVERSATIONS_MAX", "must be between 1 and 1000000");
    }
  }

  public static ConversationSettings defaults() {
    return new ConversationSettings(DEFAULT_MAX_TURNS, DEFAULT_MAX_AGE, DEFAULT_MAX_CONVERSATIONS);
  }

  static ConversationSettings fromEnv(EnvReader r) {
    ConversationSettings d = defaults();
    return new ConversationSettings(
        r.integer("ASKDOCS_CONVERSATION_TURNS", d.maxTurns()),
        Duration.ofMinutes(
            r.integer("ASKDOCS_CONVERSATION_TTL_MINUTES", (int) d.maxAge().toMinutes())),
        r.integer("ASKDOCS_CONVERSATIONS_MAX", d.maxConversations()));
  }
}
