package dev.askdocs.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static dev.askdocs.slack.SlackText.escape;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import dev.askdocs.answer.Answer;
import dev.askdocs.answer.Citation;
import dev.askdocs.answer.RelatedPassage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders a {@link Reply} as Block Kit: the answer in section blocks of at most 3,000 characters,
 * then "Sources" with one context block per citation ({@code [n]} and the title, linked to askdocs'
 * document view, and the quoted sentence). An abstention says so plainly and lists the closest
 * documents, not as sources. All document and user text is escaped and every text object is {@code
 * verbatim}, so nothing in a document can mention, ping or link. Thread-safe.
 */
final class AnswerBlocks {
  /** Slack's limit of blocks in one message. */
  static final int MAX_BLOCKS = 50;

  static final int MAX_CITATIONS = 10;
  static final int QUOTE_LIMIT = 600;
  private static final int SEE_ALSO_LIMIT = 3;

  private final DocumentLinks links;

  AnswerBlocks(DocumentLinks links) {
    this.links = links;
  }

  /**
   * @param showQuestion repeat the question above the answer (for replies the asker's own message
   *     does not sit above, such as ephemeral slash command answers)
   */
  SlackMessage render(Reply reply, boolean showQuestion) {
    if (reply instanceof Reply.Answered answered) {
      return answer(answered, showQuestion);
    }
    String line = escape(((Reply.Notice) reply).text());
    return new SlackMessage(line, List.of(section(s -> s.text(mrkdwn(line)))));
  }

  private SlackMessage answer(Reply.Answered reply, boolean showQuestion) {
    Answer a = reply.answer();
    List<LayoutBlock> blocks = new ArrayList<>();
    if (showQuestion) {
      String q = SlackText.truncate(escape(reply.question()), QUOTE_LIMIT);
      blocks.add(context(c -> c.elements(List.of(mrkdwn("*Question:* " + q)))));
    }
    List<Citation> citations = a.citations().stream().limit(MAX_CITATIONS).toList();
    int room = MAX_BLOCKS - blocks.size() - (citations.isEmpty() ? 1 : citations.size() + 1);
    List<String> pieces = SlackText.split(escape(a.text()), SlackText.SECTION_LIMIT);
    for (String piece : pieces.subList(0, Math.min(pieces.size(), room))) {
      blocks.add(section(s -> s.text(mrkdwn(piece))));
    }
    if (a.abstained()) {
      closest(a.seeAlso()).ifPresent(line -> blocks.add(context(c -> c.elements(List.of(line)))));
    } else if (!citations.isEmpty()) {
      blocks.add(section(s -> s.text(mrkdwn("*Sources*"))));
      for (Citation citation : citations) {
        blocks.add(context(c -> c.elements(List.of(mrkdwn(source(citation))))));
      }
    }
    String text = SlackText.truncate(escape(a.text()), SlackText.SECTION_LIMIT);
    return new SlackMessage(text, blocks);
  }

  private String source(Citation c) {
    StringBuilder line = new StringBuilder("*[").append(c.n()).append("]* ");
    line.append(linked(links.to(c), c.title(), c.source()));
    line.append(" · ").append(escape(c.source()));
    if (c.location() != null) {
      line.append(" · ").append(escape(c.location()));
    }
    String quote = SlackText.truncate(escape(c.quote().strip()), QUOTE_LIMIT);
    return line.append("\n“").append(quote).append("”").toString();
  }

  private Optional<MarkdownTextObject> closest(List<RelatedPassage> seeAlso) {
    List<String> titles =
        seeAlso.stream()
            .map(p -> linked(links.to(p.documentId()), p.title(), p.source()))
            .distinct()
            .limit(SEE_ALSO_LIMIT)
            .toList();
    if (titles.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(mrkdwn("Closest documents (not answers): " + String.join(", ", titles)));
  }

  /** {@code <url|title>} when there is a link, else the title; both escaped. */
  private static String linked(Optional<String> url, String title, String source) {
    String label = escape(title == null || title.isBlank() ? source : title.strip());
    return url.map(u -> "<" + escape(u) + "|" + label + ">").orElse("*" + label + "*");
  }

  private static MarkdownTextObject mrkdwn(String text) {
    return MarkdownTextObject.builder().text(text).verbatim(true).build();
  }
}
