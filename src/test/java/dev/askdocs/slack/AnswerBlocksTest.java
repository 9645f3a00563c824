package dev.askdocs.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.util.json.GsonFactory;
import dev.askdocs.answer.Answer;
import dev.askdocs.answer.Citation;
import dev.askdocs.answer.RelatedPassage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Block Kit as Slack receives it: the SDK's blocks, serialized with the SDK's own Gson. */
class AnswerBlocksTest {
  private static final Gson GSON = GsonFactory.createSnakeCase();
  private final AnswerBlocks blocks =
      new AnswerBlocks(new DocumentLinks("https://askdocs.example.com"));

  private static Citation citation(int n, String title, String quote) {
    return new Citation(
        n, "doc" + n, title, "docs/file" + n + ".txt", "doc" + n + "#0", quote, 10, 20, null, 0.7);
  }

  private static SlackMessage render(AnswerBlocks b, Answer answer) {
    return b.render(new Reply.Answered("the question?", answer), false);
  }

  @Test
  void renders_an_answer_with_three_citations() {
    Answer answer =
        new Answer(
            "Durrani met them [1]. The talks went on [2]. Then they stopped [3].",
            false,
            List.of(
                citation(1, "Talks", "Durrani met them."),
                new Citation(
                    2,
                    "doc2",
                    "Manual",
                    "manual.pdf",
                    "doc2#4",
                    "The talks went on.",
                    5,
                    23,
                    3,
                    0.6),
                citation(3, "Ending", "Then they stopped.")),
            List.of(),
            0.7);
    SlackMessage m = render(blocks, answer);
    List<LayoutBlock> b = m.blocks();

    assertThat(b).hasSize(5);
    assertThat(text(b.get(0))).isEqualTo(answer.text());
    assertThat(text(b.get(1))).isEqualTo("*Sources*");
    assertThat(b.subList(2, 5))
        .allSatisfy(block -> assertThat(block).isInstanceOf(ContextBlock.class));
    assertThat(text(b.get(2)))
        .isEqualTo(
            "*[1]* <https://askdocs.example.com/?doc=doc1&amp;start=10&amp;end=20|Talks>"
                + " · docs/file1.txt\n“Durrani met them.”");
    assertThat(text(b.get(3)))
        .startsWith("*[2]* <https://askdocs.example.com/?doc=doc2&amp;start=5&amp;end=23|Manual>")
        .contains("manual.pdf · p. 3");
    assertThat(text(b.get(4))).startsWith("*[3]* <").endsWith("“Then they stopped.”");
    assertThat(m.text()).isEqualTo(answer.text());
    assertThat(everyTextObject(b))
        .allSatisfy(t -> assertThat(t.get("verbatim").getAsBoolean()).isTrue());
  }

  @Test
  void says_an_abstention_plainly_without_sources() {
    Answer answer =
        new Answer(
            "The documents don't contain an answer to this question.",
            true,
            List.of(),
            List.of(
                new RelatedPassage("doc1", "Talks", "talks.txt", "doc1#0", "Close text.", 0.4),
                new RelatedPassage("doc1", "Talks", "talks.txt", "doc1#1", "More text.", 0.3)),
            0.2);
    List<LayoutBlock> b = render(blocks, answer).blocks();

    assertThat(b).hasSize(2);
    assertThat(text(b.get(0))).isEqualTo("The documents don't contain an answer to this question.");
    assertThat(text(b.get(1)))
        .isEqualTo(
            "Closest documents (not answers): <https://askdocs.example.com/?doc=doc1|Talks>");
    assertThat(GSON.toJson(b)).doesNotContain("Sources");
  }

  @Test
  void escapes_document_text_so_nothing_can_ping_or_link() {
    String hostile = "Tell <!channel> & <@U123> that 1 < 2 > 0 <https://evil.example|click>";
    Answer answer =
        new Answer(
            hostile + " [1]", false, List.of(citation(1, "<!here> & Co", hostile)), List.of(), 0.7);
    SlackMessage m = render(blocks, answer);
    List<String> texts =
        everyTextObject(m.blocks()).stream().map(t -> t.get("text").getAsString()).toList();

    String escaped =
        "Tell &lt;!channel&gt; &amp; &lt;@U123&gt; that 1 &lt; 2 &gt; 0"
            + " &lt;https://evil.example|click&gt;";
    assertThat(text(m.blocks().get(0))).isEqualTo(escaped + " [1]");
    assertThat(text(m.blocks().get(2))).contains("|&lt;!here&gt; &amp; Co>").contains(escaped);
    assertThat(m.text()).isEqualTo(escaped + " [1]");
    for (String raw : List.of("<!channel>", "<!here>", "<@U123>", "<https://evil")) {
      assertThat(texts).noneMatch(t -> t.contains(raw));
      assertThat(m.text()).doesNotContain(raw);
    }
    assertThat(everyTextObject(m.blocks()))
        .allSatisfy(t -> assertThat(t.get("verbatim").getAsBoolean()).isTrue());
  }

  @Test
  void splits_a_long_answer_into_sections_of_at_most_3000_characters() {
    String longText = "This sentence is part of a very long answer [1]. ".repeat(150).strip();
    Answer answer = new Answer(longText, false, List.of(citation(1, "T", "q")), List.of(), 0.7);
    List<LayoutBlock> b = render(blocks, answer).blocks();

    List<String> sections =
        b.stream()
            .filter(SectionBlock.class::isInstance)
            .map(AnswerBlocksTest::text)
            .filter(t -> !t.equals("*Sources*"))
            .toList();
    assertThat(sections).hasSizeGreaterThan(2);
    assertThat(sections).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(3000));
    assertThat(String.join(" ", sections)).isEqualTo(longText);
  }

  @Test
  void leaves_citations_unlinked_without_a_public_url() {
    AnswerBlocks unlinked = new AnswerBlocks(new DocumentLinks(""));
    Answer answer =
        new Answer("A [1].", false, List.of(citation(1, "Talks", "A.")), List.of(), 0.7);
    assertThat(text(render(unlinked, answer).blocks().get(2)))
        .isEqualTo("*[1]* *Talks* · docs/file1.txt\n“A.”");
  }

  @Test
  void shows_the_question_when_asked_to() {
    Answer answer = new Answer("A [1].", false, List.of(citation(1, "T", "A.")), List.of(), 0.7);
    List<LayoutBlock> b = blocks.render(new Reply.Answered("a <b> & c?", answer), true).blocks();
    assertThat(text(b.get(0))).isEqualTo("*Question:* a &lt;b&gt; &amp; c?");
  }

  @Test
  void renders_a_notice_as_one_escaped_section() {
    SlackMessage m = blocks.render(new Reply.Notice("Use /ask <question>"), false);
    assertThat(m.blocks()).hasSize(1);
    assertThat(m.text()).isEqualTo("Use /ask &lt;question&gt;");
  }

  @Test
  void links_a_crawled_page_to_its_url_even_without_a_public_url() {
    Citation page =
        new Citation(
            1,
            "w",
            "Install",
            "h.org/install.html",
            "w#0",
            "Run it.",
            0,
            7,
            null,
            0.7,
            true,
            null,
            "https://h.org/install_(old).html?a=1&b=2");
    Citation file = citation(2, "Notes", "A file.");
    Answer answer = new Answer("Run it [1] [2].", false, List.of(page, file), List.of(), 0.7);

    String all =
        String.join(
            "\n",
            render(new AnswerBlocks(new DocumentLinks("")), answer).blocks().stream()
                .map(AnswerBlocksTest::text)
                .toList());

    assertThat(all)
        .contains("<https://h.org/install_%28old%29.html?a=1&amp;b=2|Install>")
        .contains("*Notes*");
  }

  private static String text(LayoutBlock block) {
    if (block instanceof SectionBlock s) {
      return s.getText().getText();
    }
    return ((MarkdownTextObject) ((ContextBlock) block).getElements().get(0)).getText();
  }

  private static List<JsonObject> everyTextObject(List<LayoutBlock> blocks) {
    JsonArray array = GSON.toJsonTree(blocks).getAsJsonArray();
    return Stream.of(array.asList().toArray(new JsonElement[0]))
        .map(JsonElement::getAsJsonObject)
        .flatMap(
            o ->
                o.has("text")
                    ? Stream.of(o.getAsJsonObject("text"))
                    : o.getAsJsonArray("elements").asList().stream()
                        .map(JsonElement::getAsJsonObject))
        .toList();
  }

  @Test
  void shows_the_location_of_each_source_escaped() {
    Citation c =
        new Citation(
            1,
            "doc1",
            "Deck",
            "deck.pptx",
            "doc1#0",
            "Revenue rose.",
            3,
            16,
            null,
            0.7,
            true,
            "slide 4 <b>");
    Answer answer = new Answer("Revenue rose [1].", false, List.of(c), List.of(), 0.7);
    List<LayoutBlock> b = render(blocks, answer).blocks();
    assertThat(text(b.get(2))).contains(" · deck.pptx · slide 4 &lt;b&gt;\n“Revenue rose.”");
  }
}
