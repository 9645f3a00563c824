package dev.askdocs.slack;

import dev.askdocs.answer.Answer;
import dev.askdocs.answer.Citation;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders a {@link Reply} as the Markdown that Mattermost (and Rocket.Chat) show: the answer, then
 * "Sources" with {@code [n]} and the linked title and the quoted sentence. Document text is escaped
 * so that it can't format, link, embed an image or mention anyone ({@code @channel}, {@code @all},
 * {@code @someone}). Thread-safe.
 */
final class MattermostText {
  private static final Pattern MARKDOWN = Pattern.compile("([\\\\`*_\\[\\]()<>!#~|])");

  private final DocumentLinks links;

  MattermostText(DocumentLinks links) {
    this.links = links;
  }

  String render(Reply reply) {
    if (reply instanceof Reply.Notice notice) {
      return escape(notice.text());
    }
    Answer a = ((Reply.Answered) reply).answer();
    StringBuilder out = new StringBuilder(escape(a.text()));
    List<Citation> citations = a.citations();
    if (!a.abstained() && !citations.isEmpty()) {
      out.append("\n\n**Sources**");
      for (Citation c : citations.stream().limit(AnswerBlocks.MAX_CITATIONS).toList()) {
        String title = escape(c.title() == null || c.title().isBlank() ? c.source() : c.title());
        String linked = links.to(c).map(u -> "[" + title + "](" + u + ")").orElse(title);
        String quote = escape(SlackText.truncate(c.quote().strip(), AnswerBlocks.QUOTE_LIMIT));
        out.append("\n\\[").append(c.n()).append("\\] ").append(linked);
        out.append(" · ").append(escape(c.source()));
        if (c.location() != null) {
          out.append(" · ").append(escape(c.location()));
        }
        out.append("\n> ").append(quote.replace("\n", " "));
      }
    }
    return out.toString();
  }

  /**
   * Escapes Markdown, and breaks every {@code @} with a zero-width space so no name after it is a
   * mention.
   */
  static String escape(String text) {
    return MARKDOWN.matcher(text).replaceAll("\\\\$1").replace("@", "@\u200B");
  }
}
