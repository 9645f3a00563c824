package dev.askdocs.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.askdocs.AskdocsException;
import dev.askdocs.config.ConversationSettings;
import dev.askdocs.index.ConversationIndex;
import dev.askdocs.index.ConversationIndex.StoredConversation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The conversations of every caller, kept in a {@link ConversationIndex} (so on the index's
 * backend, surviving restarts): at most {@code maxTurns} turns each (the oldest are dropped), a
 * conversation untouched for {@code maxAge} is deleted, and a caller keeps at most {@code
 * maxConversations} (the least recently updated go first). Every method takes the owner, and a
 * conversation of another owner is as if it did not exist. Thread-safe.
 */
public final class ConversationStore {
  private static final int TITLE_CHARS = 120;
  private static final TypeReference<List<Turn>> TURNS = new TypeReference<>() {};

  private final ConversationIndex index;
  private final ConversationSettings settings;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

  public ConversationStore(ConversationIndex index, ConversationSettings settings, Clock clock) {
    this.index = index;
    this.settings = settings;
    this.clock = clock;
  }

  /** A new, unguessable conversation id. */
  public String newId() {
    return UUID.randomUUID().toString();
  }

  /**
   * The turns of the owner's conversation {@code id}, oldest first; empty when it is unknown, too
   * old, or was held in another collection (a follow-up there starts afresh).
   */
  public List<Turn> history(String owner, String collection, String id) {
    return find(owner, id)
        .filter(c -> c.collection().equals(collection))
        .map(Conversation::turns)
        .orElse(List.of());
  }

  /**
   * Adds a turn to the owner's conversation {@code id}, starting it if needed (or if it was held in
   * another collection), after its first {@code keep} turns: the ones after are dropped (a question
   * edited or regenerated).
   */
  public void append(String owner, String collection, String id, int keep, Turn turn) {
    Optional<Conversation> before = find(owner, id).filter(c -> c.collection().equals(collection));
    List<Turn> turns = new ArrayList<>(before.map(Conversation::turns).orElse(List.of()));
    turns.subList(Math.min(Math.max(keep, 0), turns.size()), turns.size()).clear();
    turns.add(turn);
    while (turns.size() > settings.maxTurns()) {
      turns.remove(0);
    }
    String title = before.map(Conversation::title).orElse(titleOf(turn.question()));
    save(owner, new Conversation(id, collection, title, clock.instant(), turns));
    if (before.isEmpty()) {
      expire(owner);
    }
  }

  /** The owner's conversation {@code id}, with its turns. */
  public Optional<Conversation> find(String owner, String id) {
    Instant oldest = clock.instant().minus(settings.maxAge());
    return index.get(owner, id).filter(c -> !c.updatedAt().isBefore(oldest)).map(this::read);
  }

  /**
   * The owner's conversations, newest first, without their turns.
   *
   * @param query words each listed conversation contains; blank for all
   * @param cursor null, or the {@code next} of the page before
   */
  public Conversation.Page list(String owner, String query, int limit, String cursor) {
    index.deleteUpdatedBefore(clock.instant().minus(settings.maxAge()));
    ConversationIndex.Page page = index.list(owner, query, limit, cursor);
    List<Conversation> out = new ArrayList<>();
    for (StoredConversation c : page.conversations()) {
      out.add(new Conversation(c.id(), c.collection(), c.title(), c.updatedAt(), List.of()));
    }
    return new Conversation.Page(List.copyOf(out), page.next());
  }

  /** Renames the owner's conversation {@code id}; false when there is none. */
  public boolean rename(String owner, String id, String title) {
    Optional<Conversation> c = find(owner, id);
    c.ifPresent(
        v -> save(owner, new Conversation(id, v.collection(), title, clock.instant(), v.turns())));
    return c.isPresent();
  }

  /** Deletes the owner's conversation {@code id}; false when there was none. */
  public boolean delete(String owner, String id) {
    return index.delete(owner, id);
  }

  /** Deletes all of the owner's conversations; how many there were. */
  public int deleteAll(String owner) {
    return index.deleteAll(owner);
  }

  /**
   * Records {@code key} (a chat event) as handled and says whether this call was the first, across
   * every process sharing the store; a key is remembered for {@code ttl}.
   */
  public boolean claim(String key, java.time.Duration ttl) {
    Instant now = clock.instant();
    return index.claim(key, now, now.minus(ttl));
  }

  /**
   * Removes the claims older than {@code ttl} from the store, and says how many there were; run
   * about hourly, so that claims do not pile up.
   */
  public int forgetClaims(java.time.Duration ttl) {
    return index.forgetClaimsBefore(clock.instant().minus(ttl));
  }

  /** Gives up a claim, so that a later delivery of the event is handled. */
  public void release(String key) {
    index.release(key);
  }

  private void expire(String owner) {
    index.deleteUpdatedBefore(clock.instant().minus(settings.maxAge()));
    ConversationIndex.Page page = index.list(owner, "", settings.maxConversations(), null);
    while (page.next() != null) {
      page = index.list(owner, "", settings.maxConversations(), page.next());
      page.conversations().forEach(c -> index.delete(owner, c.id()));
    }
  }

  private void save(String owner, Conversation c) {
    StringBuilder text = new StringBuilder();
    for (Turn t : c.turns()) {
      text.append(t.question()).append('\n').append(t.answer()).append('\n');
    }
    try {
      index.upsert(
          new StoredConversation(
              owner,
              c.id(),
              c.collection(),
              c.title(),
              c.updatedAt(),
              json.writeValueAsString(c.turns()),
              text.toString()));
    } catch (JsonProcessingException e) {
      throw new AskdocsException("cannot store conversation " + c.id() + ": " + e, e);
    }
  }

  private Conversation read(StoredConversation c) {
    try {
      return new Conversation(
          c.id(), c.collection(), c.title(), c.updatedAt(), json.readValue(c.turns(), TURNS));
    } catch (JsonProcessingException e) {
      throw new AskdocsException("cannot read conversation " + c.id() + ": " + e, e);
    }
  }

  private static String titleOf(String question) {
    String t = question.strip().replaceAll("\\s+", " ");
    return t.length() <= TITLE_CHARS ? t : t.substring(0, TITLE_CHARS - 1) + "…";
  }

  @Override
  public String toString() {
    return "ConversationStore[" + settings + "]";
  }
}
