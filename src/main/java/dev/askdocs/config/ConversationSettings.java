package dev.askdocs.config;

import java.time.Duration;

/**
 * How much conversation askdocs keeps (on the index's backend, see {@code chat.ConversationStore}):
 * for the history a caller sees and to understand follow-up questions.
 *
 * @param maxTurns questions and answers kept per conversation; older ones are dropped
 * @param maxAge retention: a conversation untouched for this long is deleted
 * @param maxConversations conversations kept per caller; the least recently updated go first
 */
public record ConversationSettings(int maxTurns, Duration maxAge, int maxConversations) {
  public static final int DEFAULT_MAX_TURNS = 50;
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
  static final int MAX_RETENTION_DAYS = 3650;
  public static final int DEFAULT_MAX_CONVERSATIONS = 1000;

  public ConversationSettings {
    if (maxTurns < 1 || maxTurns > 1000) {
      throw new ConfigException("ASKDOCS_CONVERSATION_TURNS", "must be between 1 and 1000");
    }
    if (maxAge.toMinutes() < 1 || maxAge.toDays() > MAX_RETENTION_DAYS) {
      throw new ConfigException(
          "ASKDOCS_CONVERSATION_RETENTION_DAYS", "must be between 1 and " + MAX_RETENTION_DAYS);
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
    // ASKDOCS_CONVERSATION_TTL_MINUTES, from when conversations lived in memory, still counts.
    Duration age =
        Duration.ofDays(
            r.integer("ASKDOCS_CONVERSATION_RETENTION_DAYS", (int) d.maxAge().toDays()));
    return new ConversationSettings(
        r.integer("ASKDOCS_CONVERSATION_TURNS", d.maxTurns()),
        Duration.ofMinutes(r.integer("ASKDOCS_CONVERSATION_TTL_MINUTES", (int) age.toMinutes())),
        r.integer("ASKDOCS_CONVERSATIONS_MAX", d.maxConversations()));
  }
}
