package dev.askdocs.http;

import dev.askdocs.chat.ChatService;
import dev.askdocs.chat.QuestionRewriter;
import dev.askdocs.retrieve.Retrieval;

/**
 * Listens to nothing: for replies that carry the whole answer at the end (the chat API's JSON
 * reply, the OpenAI-compatible API, which never streams provisional text).
 */
enum Silent implements ChatService.Listener {
  INSTANCE;

  @Override
  public void retrieved(String id, QuestionRewriter.Rewrite searched, Retrieval retrieval) {
    // The reply carries the passages' citations at the end.
  }

  @Override
  public void text(String piece) {
    // The reply carries the final, checked text.
  }
}
