package dev.askdocs.chat;

import java.time.Instant;
import java.util.List;

/**
 * A stored conversation of one caller.
 *
 * @param collection the collection its questions were answered from
 * @param title its first question, unless renamed
 * @param updatedAt when its last turn was answered, or it was renamed
 * @param turns oldest first
 */
public record Conversation(
    String id, String collection, String title, Instant updatedAt, List<Turn> turns) {

  /**
   * A page of a caller's conversations, newest first, without their turns.
   *
   * @param next the cursor of the next page, or null
   */
  public record Page(List<Conversation> conversations, String next) {}
}
