package dev.askdocs.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How much conversation askdocs keeps (on the index's backend, see {@code chat.ConversationStore}):
 * for the history a caller sees and to understand follow-up questions.
 *
 * @param maxTurns questions and answers kept per conversation; older ones are dropped
 * @param maxAge retention: a conversation untouched for this long is deleted
 * @param maxConversations conversations kept per caller; the least recently updated go first
 * @param starterQuestions the questions an empty conversation offers, in order; empty: the page
 *     makes them from the titles and headings of the collection's documents
 */
public record ConversationSettings(
    int maxTurns, Duration maxAge, int maxConversations, List<String> starterQuestions) {
  /** The most starter questions the page shows. */
  public static final int MAX_STARTERS = 8;

  static final int MAX_STARTER_CHARS = 200;

  public static final int DEFAULT_MAX_TURNS = 50;
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
  static final int MAX_RETENTION_DAYS = 3650;
  public static final int DEFAULT_MAX_CONVERSATIONS = 1000;

  public static final Setting TURNS =
      Setting.of(
          "ASKDOCS_CONVERSATION_TURNS",
          DEFAULT_MAX_TURNS,
          "Turns kept per conversation (1-1000); older ones are dropped",
          c -> c.conversations().maxTurns());
  public static final Setting RETENTION_DAYS =
      Setting.of(
          "ASKDOCS_CONVERSATION_RETENTION_DAYS",
          DEFAULT_MAX_AGE.toDays(),
          "A conversation untouched this many days is deleted (1-" + MAX_RETENTION_DAYS + ")",
          c -> wholeDays(c.conversations().maxAge()).map(String::valueOf).orElse(""));
  public static final Setting TTL_MINUTES =
      Setting.of(
          "ASKDOCS_CONVERSATION_TTL_MINUTES",
          null,
          "Retention in minutes instead of days, for tests and short-lived deployments; overrides"
              + " the days when set",
          c ->
              wholeDays(c.conversations().maxAge()).isPresent()
                  ? ""
                  : String.valueOf(c.conversations().maxAge().toMinutes()));
  public static final Setting MAX =
      Setting.of(
          "ASKDOCS_CONVERSATIONS_MAX",
          DEFAULT_MAX_CONVERSATIONS,
          "Conversations kept per caller; the least recently updated go first",
          c -> c.conversations().maxConversations());
  public static final Setting STARTER_QUESTIONS =
      Setting.of(
          "ASKDOCS_STARTER_QUESTIONS",
          null,
          "The questions an empty conversation offers, `|`-separated (at most "
              + MAX_STARTERS
              + "). Unset: made from the titles and headings of the documents the caller may read",
          c -> String.join("|", c.conversations().starterQuestions()));
  static final List<Setting> ALL =
      List.of(TURNS, RETENTION_DAYS, TTL_MINUTES, MAX, STARTER_QUESTIONS);

  /** Without configured starter questions. */
  public ConversationSettings(int maxTurns, Duration maxAge, int maxConversations) {
    this(maxTurns, maxAge, maxConversations, List.of());
  }

  public ConversationSettings {
    if (maxTurns < 1 || maxTurns > 1000) {
      throw new ConfigException(TURNS.name(), "must be between 1 and 1000");
    }
    if (maxAge.toMinutes() < 1 || maxAge.toDays() > MAX_RETENTION_DAYS) {
      throw new ConfigException(
          RETENTION_DAYS.name(), "must be between 1 and " + MAX_RETENTION_DAYS);
    }
    if (maxConversations < 1 || maxConversations > 1_000_000) {
      throw new ConfigException(MAX.name(), "must be between 1 and 1000000");
    }
    starterQuestions =
        starterQuestions.stream().map(String::strip).filter(q -> !q.isEmpty()).toList();
    if (starterQuestions.size() > MAX_STARTERS) {
      throw new ConfigException(
          STARTER_QUESTIONS.name(), "at most " + MAX_STARTERS + " questions, separated by |");
    }
    if (starterQuestions.stream().anyMatch(q -> q.length() > MAX_STARTER_CHARS)) {
      throw new ConfigException(
          STARTER_QUESTIONS.name(), "each question at most " + MAX_STARTER_CHARS + " characters");
    }
  }

  public static ConversationSettings defaults() {
    return fromEnv(new EnvReader(java.util.Map.of()));
  }

  static ConversationSettings fromEnv(EnvReader r) {
    String minutes = r.string(TTL_MINUTES);
    Duration age =
        minutes.isEmpty()
            ? Duration.ofDays(r.integer(RETENTION_DAYS))
            : Duration.ofMinutes(r.integer(TTL_MINUTES));
    return new ConversationSettings(
        r.integer(TURNS), age, r.integer(MAX), List.of(r.string(STARTER_QUESTIONS).split("\\|")));
  }

  private static Optional<Long> wholeDays(Duration d) {
    return d.toMinutes() % (24 * 60) == 0 ? Optional.of(d.toDays()) : Optional.empty();
  }
}
