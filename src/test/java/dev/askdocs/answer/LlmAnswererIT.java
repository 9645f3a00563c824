package dev.askdocs.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.FakeOpenAi;
import dev.askdocs.FakeOpenAi.Reply;
import dev.askdocs.config.Config;
import dev.askdocs.config.EmbeddingModelName;
import dev.askdocs.config.LlmSettings;
import dev.askdocs.embed.MiniLmEmbedder;
import dev.askdocs.llm.Deadline;
import dev.askdocs.llm.LlmClient;
import dev.askdocs.llm.Prompts;
import dev.askdocs.retrieve.Retrieval;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The LLM answerer through the real LangChain4j OpenAI client against a local fake server, whole
 * and streamed, with the real embedding model doing the support check.
 */
class LlmAnswererIT {
  static final String QUESTION = "How many TTP fighters are in Afghanistan?";
  static final String FIGHTERS = "8,000 to 12,000";
  static final String DURRANI = "Asif Durrani";
  static final String BALOCH = "Mumtaz Zahra Baloch";

  static MiniLmEmbedder embedder;
  static SeedPassages seed;
  static FakeOpenAi fake;
  static Prompts prompts;
  LlmClient client;

  @BeforeAll
  static void load() {
    embedder = MiniLmEmbedder.load(EmbeddingModelName.ALL_MINILM_L6_V2);
    seed = new SeedPassages();
    fake = FakeOpenAi.start();
    prompts = Prompts.load(Optional.empty());
  }

  @AfterAll
  static void unload() {
    fake.close();
    embedder.close();
  }

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
    fake.reset();
  }

  LlmAnswerer answerer(String baseUrl, Duration timeout, Duration deadline) {
    LlmSettings settings =
        Config.builder()
            .set(LlmSettings.BASE_URL, baseUrl)
            .set(LlmSettings.MODEL, FakeOpenAi.MODEL)
            .set(LlmSettings.API_KEY, "sk-test-secret")
            .set(LlmSettings.TIMEOUT_MS, timeout.toMillis())
            .set(LlmSettings.DEADLINE_MS, deadline.toMillis())
            .build()
            .llm();
    client = LlmClient.openAi(settings);
    return new LlmAnswerer(
        client,
        prompts,
        new SupportCheck(embedder),
        new ExtractiveAnswerer(embedder, 0.5),
        settings.deadline());
  }

  LlmAnswerer answerer() {
    return answerer(fake.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  /** Three passages: Durrani's meetings [1], the fighters [2], the spokesperson [3]. */
  Retrieval threePassages() {
    return seed.retrieval(embedder, QUESTION, DURRANI, FIGHTERS, BALOCH);
  }

  Answer ask(LlmAnswerer a, boolean streamed, List<String> tokens) {
    Retrieval r = threePassages();
    return streamed
        ? a.answer(QUESTION, r, Deadline.after(Duration.ofSeconds(30)), tokens::add)
        : a.answer(QUESTION, r);
  }

  @ParameterizedTest(name = "streamed: {0}")
  @ValueSource(booleans = {false, true})
  void answers_in_the_models_words_with_checked_citations(boolean streamed) {
    String written =
        "According to the Express Tribune, there are between 8,000 and 12,000 TTP fighters in"
            + " Afghanistan [2].";
    fake.respond(r -> Reply.text(written));
    List<String> tokens = new ArrayList<>();

    Answer a = ask(answerer(), streamed, tokens);

    assertThat(a.answeredBy()).isEqualTo(Answer.LLM);
    assertThat(a.abstained()).isFalse();
    assertThat(a.notice()).isNull();
    assertThat(a.text()).contains("8,000 and 12,000").endsWith("Afghanistan. [1]");
    assertThat(a.citations()).hasSize(1);
    Citation c = a.citations().get(0);
    assertThat(c.n()).isEqualTo(1);
    assertThat(c.supported()).isTrue();
    assertThat(c.quote()).contains(FIGHTERS);
    assertThat(seed.text().substring(c.start(), c.end())).isEqualTo(c.quote());
    assertThat(a.unsupportedClaims()).isEmpty();
    assertThat(fake.requests()).hasSize(1);
    assertThat(fake.requests().get(0).streamed()).isEqualTo(streamed);
    if (streamed) {
      assertThat(String.join("", tokens)).isEqualTo(written);
      assertThat(tokens).hasSizeGreaterThan(5);
    }
  }

  @Test
  void gives_the_model_numbered_titled_passages_as_untrusted_text() {
    fake.respond(r -> Reply.text("There are between 8,000 and 12,000 TTP fighters [2]."));
    answerer().answer(QUESTION, threePassages());

    FakeOpenAi.Request sent = fake.requests().get(0);
    assertThat(sent.message("system")).contains("NOT_IN_DOCUMENTS").contains("untrusted");
    String user = sent.message("user");
    assertThat(user)
        .contains("Question: " + QUESTION)
        .contains("<<<PASSAGE 1>>>\nTitle: Taliban urges Pakistan")
        .contains("<<<PASSAGE 3>>>")
        .doesNotContain("<<<PASSAGE 4>>>")
        .contains("<<<END PASSAGE 2>>>");
    assertThat(user.indexOf(DURRANI)).isLessThan(user.indexOf(FIGHTERS));
    assertThat(sent.body().path("model").asText()).isEqualTo(FakeOpenAi.MODEL);
    assertThat(sent.authorization()).isEqualTo("Bearer sk-test-secret");
  }

  @ParameterizedTest(name = "streamed: {0}")
  @ValueSource(booleans = {false, true})
  void drops_a_citation_of_a_passage_it_was_not_given(boolean streamed) {
    fake.respond(
        r ->
            Reply.text(
                "There are between 8,000 and 12,000 TTP fighters in Afghanistan [2]. The number"
                    + " could rise to 30,000 if family members are included [7]."));

    Answer a = ask(answerer(), streamed, new ArrayList<>());

    assertThat(a.answeredBy()).isEqualTo(Answer.LLM);
    assertThat(a.text()).doesNotContain("[7]").doesNotContain("[2]").contains("[1]");
    assertThat(a.citations()).extracting(Citation::n).containsExactly(1);
    // The sentence lost its only citation; its passage does hold it, so it stands as supported.
    assertThat(a.unsupportedClaims()).isEmpty();
  }

  @ParameterizedTest(name = "streamed: {0}")
  @ValueSource(booleans = {false, true})
  void answers_extractively_when_the_only_citation_points_outside_the_passages(boolean streamed) {
    fake.respond(r -> Reply.text("There are between 8,000 and 12,000 TTP fighters [7]."));
    List<String> tokens = new ArrayList<>();

    Answer a = ask(answerer(), streamed, tokens);

    assertThat(a.answeredBy()).isEqualTo(Answer.EXTRACTIVE);
    assertThat(a.notice()).contains("cited none of the passages");
    assertThat(a.citations()).isNotEmpty();
    assertThat(a.citations().get(0).quote()).contains(FIGHTERS);
  }

  @ParameterizedTest(name = "streamed: {0}")
  @ValueSource(booleans = {false, true})
  void answers_extractively_when_the_model_cites_nothing(boolean streamed) {
    fake.respond(r -> Reply.text("There are many thousands of TTP fighters in Afghanistan."));

    Answer a = ask(answerer(), streamed, new ArrayList<>());

    assertThat(a.answeredBy()).isEqualTo(Answer.EXTRACTIVE);
    assertThat(a.notice()).contains("cited none of the passages");
    assertThat(a.text()).contains(FIGHTERS).contains("[1]");
  }

  @ParameterizedTest(name = "streamed: {0}")
  @ValueSource(booleans = {false, true})
  void marks_a_claim_its_passage_does_not_support(boolean streamed) {
    fake.respond(
        r ->
            Reply.text(
                "There are between 8,000 and 12,000 TTP fighters in Afghanistan [2]. The TTP"
                    + " receives 10 million dollars a year from the Taliban [2]."));

    Answer a = ask(answerer(), streamed, new ArrayList<>());

    assertThat(a.answeredBy()).isEqualTo(Answer.LLM);
    assertThat(a.unsupportedClaims())
        .containsExactly("The TTP receives 10 million dollars a year from the Taliban.");
    assertThat(a.citations()).hasSize(1);
    assertThat(a.citations().get(0).supported()).isFalse();
    assertThat(a.notice()).contains("not supported");
  }

  @Test
  void answers_extractively_when_no_cited_claim_is_supported() {
    fake.respond(r -> Reply.text("The TTP receives 10 million dollars a year [2]."));

    Answer a = answerer().answer(QUESTION, threePassages());

    assertThat(a.answeredBy()).isEqualTo(Answer.EXTRACTIVE);
    assertThat(a.notice()).contains("don't support");
  }

  @ParameterizedTest(name = "streamed: {0}")
  @ValueSource(booleans = {false, true})
  void says_so_when_the_model_finds_no_answer(boolean streamed) {
    fake.respond(r -> Reply.text("NOT_IN_DOCUMENTS"));
    List<String> tokens = new ArrayList<>();

    Answer a = ask(answerer(), streamed, tokens);

    if (streamed) {
      assertThat(String.join("", tokens)).isEqualTo(ExtractiveAnswerer.ABSTENTION);
    }
    assertThat(a.abstained()).isTrue();
    assertThat(a.answeredBy()).isEqualTo(Answer.LLM);
    assertThat(a.text()).isEqualTo(ExtractiveAnswerer.ABSTENTION);
    assertThat(a.citations()).isEmpty();
    assertThat(a.seeAlso()).isNotEmpty();
  }

  @ParameterizedTest(name = "streamed: {0}")
  @ValueSource(booleans = {false, true})
  void retries_once_after_a_server_error(boolean streamed) {
    fake.then(Reply.status(500))
        .respond(r -> Reply.text("There are between 8,000 and 12,000 TTP fighters [2]."));

    Answer a = ask(answerer(), streamed, new ArrayList<>());

    assertThat(a.answeredBy()).isEqualTo(Answer.LLM);
    assertThat(fake.requests()).hasSize(2);
  }

  @ParameterizedTest(name = "streamed: {0}")
  @ValueSource(booleans = {false, true})
  void answers_extractively_after_two_server_errors(boolean streamed) {
    fake.respond(r -> Reply.status(503));
    List<String> tokens = new ArrayList<>();

    Answer a = ask(answerer(), streamed, tokens);

    assertThat(a.answeredBy()).isEqualTo(Answer.EXTRACTIVE);
    assertThat(a.notice()).contains("server error");
    assertThat(a.text()).contains(FIGHTERS);
    assertThat(fake.requests()).hasSize(2);
    if (streamed) {
      assertThat(String.join("", tokens)).isEqualTo(a.text());
    }
    assertThat(client.status().state()).isEqualTo("server_error");
  }

  @ParameterizedTest(name = "streamed: {0}")
  @ValueSource(booleans = {false, true})
  void honours_retry_after_on_429(boolean streamed) {
    fake.then(Reply.rateLimited(1))
        .respond(r -> Reply.text("There are between 8,000 and 12,000 TTP fighters [2]."));

    long t0 = System.nanoTime();
    Answer a = ask(answerer(), streamed, new ArrayList<>());
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertThat(a.answeredBy()).isEqualTo(Answer.LLM);
    assertThat(fake.requests()).hasSize(2);
    assertThat(ms).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void does_not_wait_for_a_retry_after_longer_than_the_cap() {
    fake.respond(r -> Reply.rateLimited(120));

    long t0 = System.nanoTime();
    Answer a = answerer().answer(QUESTION, threePassages());
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertThat(a.answeredBy()).isEqualTo(Answer.EXTRACTIVE);
    assertThat(a.notice()).contains("rate-limiting");
    assertThat(fake.requests()).hasSize(1);
    assertThat(ms).isLessThan(LlmClient.MAX_RETRY_AFTER.toMillis());
  }

  @ParameterizedTest(name = "streamed: {0}")
  @ValueSource(booleans = {false, true})
  void answers_extractively_within_the_deadline_when_the_model_is_too_slow(boolean streamed) {
    fake.respond(
        r ->
            Reply.text("There are between 8,000 and 12,000 TTP fighters [2].")
                .after(Duration.ofSeconds(3)));
    Duration deadline = Duration.ofMillis(1500);

    long t0 = System.nanoTime();
    Answer a =
        answerer(fake.baseUrl(), Duration.ofMillis(600), deadline)
            .answer(QUESTION, threePassages(), Deadline.after(deadline), streamed ? t -> {} : null);
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertThat(a.answeredBy()).isEqualTo(Answer.EXTRACTIVE);
    assertThat(a.notice()).contains("did not answer in time");
    assertThat(ms).isLessThan(deadline.toMillis() + 1000);
    assertThat(fake.requests()).hasSize(2);
  }

  @Test
  void answers_extractively_when_the_server_is_not_there() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }

    Answer a =
        answerer(
                "http://127.0.0.1:" + closedPort + "/v1",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5))
            .answer(QUESTION, threePassages());

    assertThat(a.answeredBy()).isEqualTo(Answer.EXTRACTIVE);
    assertThat(a.notice()).contains("could not be reached");
    assertThat(client.status().state()).isEqualTo("unreachable");
    assertThat(client.status().message()).doesNotContain("sk-test-secret");
  }

  @Test
  void does_not_retry_a_refused_key_and_never_shows_it() {
    fake.respond(r -> Reply.status(401));

    Answer a = answerer().answer(QUESTION, threePassages());

    assertThat(a.answeredBy()).isEqualTo(Answer.EXTRACTIVE);
    assertThat(a.notice()).contains("API key");
    assertThat(fake.requests()).hasSize(1);
    assertThat(client.status().state()).isEqualTo("unauthorized");
    assertThat(client.status().toString()).doesNotContain("sk-test-secret");
  }

  @Test
  void probes_the_endpoint_for_its_models() {
    answerer();
    assertThat(client.probe().state()).isEqualTo("ok");
    fake.modelsStatus(401);
    try {
      assertThat(client.probe().state()).isEqualTo("unauthorized");
      assertThat(client.status().message()).contains("ASKDOCS_LLM_API_KEY");
    } finally {
      fake.modelsStatus(200);
    }
  }
}
