package dev.askdocs.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.App;
import dev.askdocs.FakeOpenAi;
import dev.askdocs.FakeOpenAi.Reply;
import dev.askdocs.TestCorpus;
import dev.askdocs.answer.Answer;
import dev.askdocs.config.Config;
import dev.askdocs.config.ConversationSettings;
import dev.askdocs.config.LlmSettings;
import dev.askdocs.index.lucene.LuceneConversationIndex;
import dev.askdocs.llm.LlmClient;
import dev.askdocs.llm.Prompts;
import dev.askdocs.retrieve.Retrieval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow-up rewriting on a scripted conversation over the seed article
 * (questions/seed-follow-ups.tsv): each row is a first question and a follow-up, asked in one
 * conversation through {@link ChatService} with the real index and the extractive answerer. A
 * follow-up counts as right when its answer quotes the expected text (or abstains, when the article
 * doesn't answer it). Compared: no rewriting, the heuristic's variants, and the LLM rewriter
 * through the real LangChain4j client against a stand-in model that returns the row's standalone
 * question (a model that rewrites perfectly: an upper bound, not a measurement of any real model).
 * Writes target/follow-ups.md.
 */
class FollowUpRewritingIT {
  @TempDir static Path tmp;
  static App app;
  static FakeOpenAi fake;

  record Row(String first, String followUp, String expected, String standalone) {}

  @BeforeAll
  static void start() {
    app =
        App.open(
            Config.builder()
                .set(Config.CORPUS_DIR, TestCorpus.withSeed(tmp.resolve("corpus")))
                .set(Config.INDEX_DIR, tmp.resolve("index"))
                .build(),
            false);
    app.ingest(tmp.resolve("corpus"));
    fake = FakeOpenAi.start();
  }

  @AfterAll
  static void stop() {
    fake.close();
    app.close();
  }

  static List<Row> rows() {
    return TestCorpus.lines("/questions/seed-follow-ups.tsv").stream()
        .map(l -> l.split("\t"))
        .map(f -> new Row(f[0], f[1], f[2], f[3]))
        .toList();
  }

  ChatService chat(QuestionRewriter rewriter) {
    return new ChatService(
        app.answerer(),
        new ConversationStore(
            LuceneConversationIndex.inMemory(), ConversationSettings.defaults(), Clock.systemUTC()),
        rewriter,
        Duration.ofSeconds(10),
        Clock.systemUTC());
  }

  static final ChatService.Listener SILENT =
      new ChatService.Listener() {
        @Override
        public void retrieved(String id, QuestionRewriter.Rewrite searched, Retrieval r) {
          // measured from the reply
        }

        @Override
        public void text(String piece) {
          // measured from the reply
        }
      };

  /** Asks each row's two questions in a fresh conversation; returns the follow-ups' outcomes. */
  List<String> run(ChatService chat, List<Row> rows, StringBuilder table, String name) {
    List<String> wrong = new ArrayList<>();
    for (Row row : rows) {
      String id = chat.ask(null, row.first(), 5, SILENT).conversationId();
      ChatService.Reply r = chat.ask(id, row.followUp(), 5, SILENT);
      if (!right(r.result().answer(), row.expected())) {
        wrong.add(row.followUp() + " → searched \"" + r.searchedQuestion() + "\"");
      }
    }
    table.append(
        String.format(
            Locale.ROOT,
            "| %s | %d of %d | %.0f%% |%n",
            name,
            rows.size() - wrong.size(),
            rows.size(),
            100.0 * (rows.size() - wrong.size()) / rows.size()));
    return wrong;
  }

  static boolean right(Answer a, String expected) {
    if (expected.equals("-")) {
      return a.abstained();
    }
    return !a.abstained()
        && a.citations().stream()
            .anyMatch(c -> c.quote().replace('\u00a0', ' ').contains(expected));
  }

  @Test
  void rewriting_answers_more_follow_ups_than_searching_them_as_asked() throws Exception {
    List<Row> rows = rows();
    StringBuilder table =
        new StringBuilder("| rewriting | follow-ups answered right | share |\n|---|---|---|\n");
    Map<String, List<String>> wrong = new LinkedHashMap<>();
    wrong.put(
        "none (searched as asked)",
        run(chat(new HeuristicRewriter(HeuristicRewriter.Carry.NOTHING)), rows, table, "none"));
    wrong.put(
        "heuristic, question terms (default)",
        run(
            chat(new HeuristicRewriter()),
            rows,
            table,
            "heuristic: previous question's terms (default)"));
    wrong.put(
        "heuristic, terms and names",
        run(
            chat(new HeuristicRewriter(HeuristicRewriter.Carry.QUESTION_TERMS_AND_NAMES)),
            rows,
            table,
            "heuristic: terms and the people the previous answer named"));

    Map<String, String> standalone = new LinkedHashMap<>();
    rows.forEach(r -> standalone.put(r.followUp(), r.standalone()));
    fake.respond(
        r -> {
          String prompt = r.message("user");
          String asked =
              prompt.substring(prompt.indexOf("Last question: ") + 15).lines().findFirst().get();
          return Reply.text(standalone.getOrDefault(asked.strip(), asked));
        });
    LlmSettings settings =
        Config.builder()
            .set(LlmSettings.BASE_URL, fake.baseUrl())
            .set(LlmSettings.MODEL, FakeOpenAi.MODEL)
            .set(LlmSettings.API_KEY, "")
            .build()
            .llm();
    try (LlmClient client = LlmClient.openAi(settings)) {
      LlmRewriter llm =
          new LlmRewriter(
              client,
              Prompts.load(Optional.empty()),
              new HeuristicRewriter(),
              Duration.ofSeconds(5),
              2000);
      wrong.put(
          "LLM rewriter, stand-in model",
          run(chat(llm), rows, table, "LLM (stand-in model that rewrites perfectly)"));
    }

    StringBuilder report = new StringBuilder("# Follow-up rewriting on the seed article\n\n");
    report.append(table).append('\n');
    wrong.forEach(
        (mode, misses) -> {
          report.append("Wrong with ").append(mode).append(":\n\n");
          misses.forEach(m -> report.append("- ").append(m).append('\n'));
          report.append('\n');
        });
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "follow-ups.md"), report);
    System.out.println(report);

    int none = rows.size() - wrong.get("none (searched as asked)").size();
    int heuristic = rows.size() - wrong.get("heuristic, question terms (default)").size();
    int names = rows.size() - wrong.get("heuristic, terms and names").size();
    int llm = rows.size() - wrong.get("LLM rewriter, stand-in model").size();
    assertThat(heuristic).isGreaterThan(none).isGreaterThanOrEqualTo(names);
    assertThat(llm).isGreaterThanOrEqualTo(heuristic);
    assertThat(fake.requests()).hasSize(rows.size()); // one condense call per follow-up
  }
}
