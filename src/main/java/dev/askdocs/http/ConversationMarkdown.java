package dev.askdocs.http;

import dev.askdocs.answer.Citation;
import dev.askdocs.chat.Conversation;
import dev.askdocs.chat.Turn;
import java.util.List;

/**
 * Conversations as a Markdown document: a heading each, then its questions, answers and sources.
 */
final class ConversationMarkdown {
  private ConversationMarkdown() {}

  static String of(List<Conversation> conversations) {
    StringBuilder md = new StringBuilder();
    for (Conversation c : conversations) {
      md.append("# ").append(oneLine(c.title())).append("\n\n");
      md.append("_").append(c.updatedAt()).append(", collection ").append(c.collection());
      md.append("_\n\n");
      for (Turn t : c.turns()) {
        md.append("## ").append(oneLine(t.question())).append("\n\n");
        md.append(t.answer().strip()).append("\n\n");
        for (Citation s : t.citations()) {
          md.append("[").append(s.n()).append("] ").append(oneLine(s.title()));
          if (s.location() != null) {
            md.append(", ").append(s.location());
          }
          md.append(" (").append(s.url() != null ? s.url() : s.source()).append(")\n");
        }
        if (!t.citations().isEmpty()) {
          md.append('\n');
        }
      }
    }
    return md.toString();
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }
}
