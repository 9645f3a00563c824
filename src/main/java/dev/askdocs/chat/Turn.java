package dev.askdocs.chat;

import java.time.Instant;

/**
 * One question of a conversation and its answer.
 *
 * @param question as the user asked it
 * @param searchedQuestion the standalone question that was searched for
 * @param answer the answer's text
 * @param at when it was answered
 */
public record Turn(String question, String searchedQuestion, String answer, Instant at) {}
