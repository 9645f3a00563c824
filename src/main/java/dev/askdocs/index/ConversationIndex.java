package dev.askdocs.index;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where conversations are kept, on the same backend as the chunks (a small Lucene index beside the
 * main one, or a second SolrCloud collection), so they survive restarts and, on SolrCloud, every
 * node sees every conversation. It also keeps the keys of chat events already handled ({@link
 * #claim}), so that several nodes answer an event once.
 *
 * <p>Contract: every read and change names the owner, and a conversation of another owner is never
 * returned, changed or deleted; a change is visible to the next read of any caller (on SolrCloud,
 * of any node). Thread-safe.
 */
public interface ConversationIndex extends AutoCloseable {

  /** The conversation {@code id} of {@code owner}, or empty. */
  Optional<StoredConversation> get(String owner, String id);

  /** Adds or replaces the conversation with {@code c.owner()} and {@code c.id()}. */
  void upsert(StoredConversation c);

  /**
   * The owner's conversations, newest first (by {@code updatedAt}).
   *
   * @param query words all of which a conversation must contain (title, questions, answers); blank
   *     for all
   * @param cursor null for the first page, else a page's {@code next}
   */
  Page list(String owner, String query, int limit, String cursor);

  /** Removes one conversation; false when the owner has none with that id. */
  boolean delete(String owner, String id);

  /** Removes all of the owner's conversations; how many there were. */
  int deleteAll(String owner);

  /** Removes every conversation, of every owner, last updated before {@code cutoff}. */
  int deleteUpdatedBefore(Instant cutoff);

  /**
   * Records {@code key} as handled and says whether this call was the first to do so, across every
   * process sharing the store. A claim of {@code key} older than {@code forgetBefore} does not
   * count: the key is claimed afresh.
   */
  boolean claim(String key, Instant now, Instant forgetBefore);

  /**
   * Removes the claims made before {@code cutoff} and says how many there were; run on a schedule
   * (about hourly) so that old claims do not pile up. A backend that removes them while claiming
   * answers 0.
   */
  default int forgetClaimsBefore(Instant cutoff) {
    return 0;
  }

  /** Gives up a claim, so that a later delivery is handled (after work could not start). */
  void release(String key);

  /**
   * Copies the conversations as of their last commit into {@code target} (a new or empty folder)
   * while they are read and written, and says whether it did: a backend that keeps them elsewhere
   * (SolrCloud, whose own collection backup is the way; memory) copies nothing and answers false.
   */
  default boolean backup(java.nio.file.Path target) {
    return false;
  }

  @Override
  void close();

  /**
   * One stored conversation.
   *
   * @param owner who it belongs to ({@code kind:name} of the caller)
   * @param collection the collection it was asked in
   * @param title the first question, or what the owner renamed it to
   * @param turns the turns as JSON, opaque to the index
   * @param text the words it is found by (title, questions and answers)
   */
  record StoredConversation(
      String owner,
      String id,
      String collection,
      String title,
      Instant updatedAt,
      String turns,
      String text) {}

  /**
   * A page of a listing.
   *
   * @param next the cursor for the next page, or null when this is the last
   */
  record Page(List<StoredConversation> conversations, String next) {}
}
