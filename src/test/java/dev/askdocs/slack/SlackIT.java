package dev.askdocs.slack;

import static dev.askdocs.slack.FakeSlack.postMessageIn;
import static dev.askdocs.slack.SignedRequests.FORM;
import static dev.askdocs.slack.SignedRequests.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.slack.api.app_backend.events.payload.AppMentionPayload;
import com.slack.api.app_backend.events.payload.MessageBotPayload;
import com.slack.api.app_backend.events.payload.MessagePayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageBotEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.util.json.GsonFactory;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import dev.askdocs.config.SlackSettings;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Slack and Mattermost integrations over real HTTP, on the real app with the seed article:
 * Slack is played by requests signed with the Slack SDK's generator and a fake Slack server that
 * records what askdocs sends it.
 */
class SlackIT {
  static final String SECRET = "test-signing-secret";
  static final String BOT_TOKEN = "xoxb-test-token";
  static final String MATTERMOST_TOKEN = "mattermost-test-token";
  static final String MATTERMOST_BOT_TOKEN = "mattermost-bot-token";
  static final String PUBLIC_URL = "https://askdocs.example.com";
  static final String QUESTION = "Who is the Pakistani special representative for Afghanistan?";
  // Java's sentence splitter ends a sentence at the "!" of "<!channel>", so the quote stops there.
  static final String HOSTILE =
      "Release rules\n\nWhen errors stay < 1% & latency > 200 ms, the deploy bot announces every"
          + " production release to <!channel>.\n";
  static final Gson GSON = GsonFactory.createSnakeCase();
  static final AtomicInteger IDS = new AtomicInteger(100);

  @TempDir static Path tmp;
  static FakeSlack slack;
  static FakeMattermost mattermost;
  static App app;
  static SignedRequests requests;

  @BeforeAll
  static void start() throws Exception {
    slack = new FakeSlack();
    mattermost = new FakeMattermost(MATTERMOST_BOT_TOKEN);
    Path corpus = TestCorpus.withSeed(tmp.resolve("corpus"));
    Files.writeString(corpus.resolve("release-rules.txt"), HOSTILE);
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, corpus)
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .set(SlackSettings.BOT_TOKEN, BOT_TOKEN)
            .set(SlackSettings.SIGNING_SECRET, SECRET)
            .set(SlackSettings.API_URL, slack.apiUrl())
            .set(SlackSettings.PUBLIC_URL, PUBLIC_URL)
            .set(SlackSettings.MATTERMOST_TOKEN, List.of(MATTERMOST_TOKEN))
            .set(SlackSettings.MATTERMOST_URL, mattermost.url())
            .set(SlackSettings.MATTERMOST_BOT_TOKEN, MATTERMOST_BOT_TOKEN)
            .build();
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(2));
    requests = new SignedRequests(app.port(), SECRET);
  }

  @AfterAll
  static void stop() {
    app.close();
    slack.close();
    mattermost.close();
  }

  // ---------- signatures ----------

  static Stream<Arguments> signatures() {
    return Stream.of(
            Map.entry(
                "/slack/commands",
                form(Map.of("command", "/ask", "text", "", "response_url", "x"))),
            Map.entry("/slack/events", "{\"type\":\"url_verification\",\"challenge\":\"c\"}"))
        .flatMap(e -> signatures(e.getKey(), e.getValue()));
  }

  static Stream<Arguments> signatures(String path, String body) {
    Instant now = Instant.now();
    Map<String, String> valid = SignedRequests.signed(SECRET, now, body);
    Map<String, String> noSignature =
        Map.of("X-Slack-Request-Timestamp", valid.get("X-Slack-Request-Timestamp"));
    return Stream.of(
        Arguments.of(path, "valid", body, valid, 200),
        Arguments.of(path, "wrong secret", body, SignedRequests.signed("nope", now, body), 401),
        Arguments.of(path, "body altered after signing", body + "&x=1", valid, 401),
        Arguments.of(
            path,
            "timestamp 6 minutes old",
            body,
            SignedRequests.signed(SECRET, now.minusSeconds(360), body),
            401),
        Arguments.of(path, "no headers", body, Map.of(), 401),
        Arguments.of(path, "no signature", body, noSignature, 401));
  }

  @ParameterizedTest(name = "{0}: {1} -> {4}")
  @MethodSource("signatures")
  void accepts_or_refuses_each_request_by_its_signature(
      String path, String name, String body, Map<String, String> headers, int status)
      throws Exception {
    HttpResponse<String> r = requests.post(path, FORM, body, headers);
    assertThat(r.statusCode()).isEqualTo(status);
    if (status == 401) {
      assertThat(r.body()).isEmpty();
    }
  }

  // ---------- slash command ----------

  @Test
  void answers_a_slash_command_inline() throws Exception {
    String responseUrl = slack.responseUrl("inline-" + IDS.incrementAndGet());
    HttpResponse<String> r = requests.post("/slack/commands", FORM, command(QUESTION, responseUrl));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().contains("json");
    SlashCommandResponse reply = GSON.fromJson(r.body(), SlashCommandResponse.class);
    assertThat(reply.getResponseType()).isEqualTo("ephemeral");
    assertThat(reply.getText()).contains("Asif Durrani");
    List<String> texts = texts(reply.getBlocks());
    assertThat(texts.get(0)).isEqualTo("*Question:* " + QUESTION);
    assertThat(texts.get(1)).contains("Asif Durrani").contains("[1]");
    assertThat(texts).contains("*Sources*");
    assertThat(texts.stream().filter(t -> t.startsWith("*[1]* <" + PUBLIC_URL + "/?doc=")))
        .singleElement()
        .asString()
        .contains("|Taliban urges Pakistan")
        .contains("Asif Durrani");
    assertThat(slack.calls(c -> c.path().contains("inline-"))).isEmpty();
  }

  @Test
  void replies_with_usage_help_to_an_empty_slash_command() throws Exception {
    HttpResponse<String> r =
        requests.post("/slack/commands", FORM, command("  ", slack.responseUrl("empty")));
    SlashCommandResponse reply = GSON.fromJson(r.body(), SlashCommandResponse.class);
    assertThat(reply.getResponseType()).isEqualTo("ephemeral");
    assertThat(reply.getText()).contains("/ask").contains("for example");
  }

  @Test
  void answers_ssl_check() throws Exception {
    HttpResponse<String> r =
        requests.post("/slack/commands", FORM, form(Map.of("ssl_check", "1", "token", "t")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
  }

  // ---------- Events API ----------

  @Test
  void answers_url_verification_with_the_challenge() throws Exception {
    String body =
        "{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
            + "\"type\":\"url_verification\"}";
    HttpResponse<String> r = requests.post("/slack/events", JSON, body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(GSON.fromJson(r.body(), Map.class))
        .containsEntry("challenge", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  }

  @Test
  void answers_a_mention_in_the_thread_it_was_asked_in() throws Exception {
    String threadTs = ts();
    String ts = ts();
    HttpResponse<String> r =
        requests.post(
            "/slack/events", JSON, mention(eventId(), "C1", ts, threadTs, "<@UBOT> " + QUESTION));
    assertThat(r.statusCode()).isEqualTo(200);

    FakeSlack.Call post = slack.await(postMessageIn(threadTs), 1, Duration.ofSeconds(20)).get(0);
    assertThat(post.headers().get("authorization")).isEqualTo("Bearer " + BOT_TOKEN);
    Map<String, String> form = post.form();
    assertThat(form).containsEntry("channel", "C1").containsEntry("thread_ts", threadTs);
    assertThat(form.get("text")).contains("Asif Durrani");
    assertThat(texts(blocks(form))).contains("*Sources*");
    assertThat(slack.calls(postMessageIn(ts))).isEmpty();
  }

  @Test
  void starts_a_thread_under_a_top_level_mention() throws Exception {
    String ts = ts();
    requests.post("/slack/events", JSON, mention(eventId(), "C2", ts, null, "<@UBOT> " + QUESTION));

    FakeSlack.Call post = slack.await(postMessageIn(ts), 1, Duration.ofSeconds(20)).get(0);
    assertThat(post.form()).containsEntry("channel", "C2");
    assertThat(post.form().get("text")).contains("Asif Durrani");
  }

  @Test
  void answers_a_direct_message() throws Exception {
    String ts = ts();
    requests.post("/slack/events", JSON, directMessage(eventId(), ts, QUESTION));

    FakeSlack.Call post = slack.await(postMessageIn(ts), 1, Duration.ofSeconds(20)).get(0);
    assertThat(post.form()).containsEntry("channel", "D1");
    assertThat(post.form().get("text")).contains("Asif Durrani");
  }

  @Test
  void answers_a_follow_up_in_a_thread_with_what_the_thread_was_about() throws Exception {
    String ts = ts();
    requests.post(
        "/slack/events",
        JSON,
        mention(eventId(), "C7", ts, null, "<@UBOT> How many TTP fighters are in Afghanistan?"));
    slack.await(postMessageIn(ts), 1, Duration.ofSeconds(20));

    requests.post(
        "/slack/events",
        JSON,
        mention(eventId(), "C7", ts(), ts, "<@UBOT> And how many if families are counted?"));

    FakeSlack.Call post = slack.await(postMessageIn(ts), 2, Duration.ofSeconds(20)).get(1);
    assertThat(post.form().get("text")).contains("30,000");
  }

  @Test
  void replies_once_to_an_event_delivered_three_times() throws Exception {
    String ts = ts();
    String body = mention(eventId(), "C3", ts, null, "<@UBOT> " + QUESTION);
    assertThat(requests.post("/slack/events", JSON, body).statusCode()).isEqualTo(200);
    for (int retry = 1; retry <= 2; retry++) {
      Map<String, String> headers =
          new LinkedHashMap<>(SignedRequests.signed(SECRET, Instant.now(), body));
      headers.put("X-Slack-Retry-Num", Integer.toString(retry));
      headers.put("X-Slack-Retry-Reason", "http_timeout");
      HttpResponse<String> r = requests.post("/slack/events", JSON, body, headers);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("X-Slack-No-Retry")).contains("1");
    }

    slack.await(postMessageIn(ts), 1, Duration.ofSeconds(20));
    awaitQuiet();
    assertThat(slack.calls(postMessageIn(ts))).hasSize(1);
  }

  @Test
  void ignores_messages_from_bots() throws Exception {
    String mentionTs = ts();
    AppMentionEvent fromBot = mentionEvent("C4", mentionTs, null, "<@UBOT> " + QUESTION);
    fromBot.setBotId("B_OTHER");
    assertThat(requests.post("/slack/events", JSON, payload(fromBot)).statusCode()).isEqualTo(200);

    String dmTs = ts();
    MessageBotEvent botDm = new MessageBotEvent();
    botDm.setBotId("B_ASKDOCS");
    botDm.setChannel("D1");
    botDm.setChannelType("im");
    botDm.setText("The documents don't contain an answer to this question.");
    botDm.setTs(dmTs);
    MessageBotPayload dm = new MessageBotPayload();
    dm.setType("event_callback");
    dm.setEventId(eventId());
    dm.setEvent(botDm);
    assertThat(requests.post("/slack/events", JSON, GSON.toJson(dm)).statusCode()).isEqualTo(200);

    awaitQuiet();
    assertThat(slack.calls(postMessageIn(mentionTs))).isEmpty();
    assertThat(slack.calls(postMessageIn(dmTs))).isEmpty();
  }

  @Test
  void escapes_document_text_in_a_posted_answer() throws Exception {
    String ts = ts();
    requests.post(
        "/slack/events",
        JSON,
        mention(
            eventId(), "C5", ts, null, "<@UBOT> Who does the deploy bot announce releases to?"));

    Map<String, String> form =
        slack.await(postMessageIn(ts), 1, Duration.ofSeconds(20)).get(0).form();
    List<String> texts = texts(blocks(form));
    String all = String.join("\n", texts) + "\n" + form.get("text");
    assertThat(all)
        .contains("When errors stay &lt; 1% &amp; latency &gt; 200 ms, the deploy bot")
        .contains("production release to &lt;!")
        .doesNotContain("<!")
        .doesNotContain("< 1%")
        .doesNotContain("> 200");
  }

  @Test
  void says_plainly_when_the_documents_do_not_answer() throws Exception {
    String ts = ts();
    requests.post(
        "/slack/events",
        JSON,
        mention(eventId(), "C6", ts, null, "<@UBOT> Who won the 2018 World Cup?"));

    Map<String, String> form =
        slack.await(postMessageIn(ts), 1, Duration.ofSeconds(20)).get(0).form();
    assertThat(form.get("text")).contains("don't contain");
    assertThat(texts(blocks(form))).doesNotContain("*Sources*");
  }

  // ---------- Mattermost ----------

  @Test
  void answers_a_mattermost_slash_command() throws Exception {
    String body =
        form(
            Map.of(
                "token", MATTERMOST_TOKEN, "command", "/ask", "text", QUESTION, "user_name", "a"));
    HttpResponse<String> r = requests.post("/hooks/mattermost", FORM, body, Map.of());

    assertThat(r.statusCode()).isEqualTo(200);
    Map<?, ?> reply = GSON.fromJson(r.body(), Map.class);
    assertThat(reply.get("response_type")).isEqualTo("ephemeral");
    assertThat((String) reply.get("text"))
        .contains("Asif Durrani")
        .contains("**Sources**")
        .contains("](" + PUBLIC_URL + "/?doc=");
  }

  @Test
  void answers_an_outgoing_webhook_in_json_as_a_comment() throws Exception {
    String body =
        GSON.toJson(
            Map.of(
                "token",
                MATTERMOST_TOKEN,
                "trigger_word",
                "askdocs",
                "text",
                "askdocs " + QUESTION));
    HttpResponse<String> r = requests.post("/hooks/mattermost", JSON, body, Map.of());

    Map<?, ?> reply = GSON.fromJson(r.body(), Map.class);
    assertThat(reply.get("response_type")).isEqualTo("comment");
    assertThat((String) reply.get("text")).contains("Asif Durrani");
  }

  @Test
  void answers_a_follow_up_in_a_mattermost_thread_with_what_the_thread_was_about()
      throws Exception {
    mattermost.post("rootpost1", "");
    mattermost.post("replypost2", "rootpost1");
    Map<?, ?> first =
        outgoingWebhook("rootpost1", "askdocs How many TTP fighters are in Afghanistan?");
    assertThat(first.get("response_type")).isEqualTo("comment");

    Map<?, ?> followUp =
        outgoingWebhook("replypost2", "askdocs And how many if families are counted?");

    assertThat(followUp.get("response_type")).isEqualTo("comment");
    assertThat((String) followUp.get("text")).contains("30,000");
    assertThat(mattermost.authorizations()).contains("Bearer " + MATTERMOST_BOT_TOKEN);
  }

  @Test
  void answers_a_mattermost_message_alone_when_its_thread_cannot_be_found() throws Exception {
    Map<?, ?> reply = outgoingWebhook("unknownpost9", "askdocs " + QUESTION);
    assertThat((String) reply.get("text")).contains("Asif Durrani");
  }

  private static Map<?, ?> outgoingWebhook(String postId, String text) throws Exception {
    String body =
        form(
            Map.of(
                "token", MATTERMOST_TOKEN,
                "trigger_word", "askdocs",
                "channel_id", "ch1",
                "post_id", postId,
                "text", text));
    HttpResponse<String> r = requests.post("/hooks/mattermost", FORM, body, Map.of());
    assertThat(r.statusCode()).isEqualTo(200);
    return GSON.fromJson(r.body(), Map.class);
  }

  @Test
  void refuses_a_mattermost_hook_without_the_token() throws Exception {
    String wrong = form(Map.of("token", "guess", "text", QUESTION));
    String none = form(Map.of("text", QUESTION));
    assertThat(requests.post("/hooks/mattermost", FORM, wrong, Map.of()).statusCode())
        .isEqualTo(401);
    assertThat(requests.post("/hooks/mattermost", FORM, none, Map.of()).statusCode())
        .isEqualTo(401);
  }

  // ---------- helpers ----------

  /**
   * Waits until every Slack answer the server took on has been written: the events posted so far
   * were accepted or refused inside their requests, so after this no reply to them is still coming.
   */
  private static void awaitQuiet() {
    await().atMost(Duration.ofSeconds(60)).until(() -> app.slackAnswersInProgress() == 0);
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static String command(String text, String responseUrl) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("token", "deprecated-verification-token");
    f.put("team_id", "T1");
    f.put("channel_id", "C1");
    f.put("user_id", "U1");
    f.put("command", "/ask");
    f.put("text", text);
    f.put("response_url", responseUrl);
    f.put("trigger_id", "1.2.3");
    return form(f);
  }

  static String eventId() {
    return "Ev" + IDS.incrementAndGet();
  }

  static String ts() {
    return "1700000000." + String.format("%06d", IDS.incrementAndGet());
  }

  static AppMentionEvent mentionEvent(String channel, String ts, String threadTs, String text) {
    AppMentionEvent e = new AppMentionEvent();
    e.setUser("U_ASKER");
    e.setChannel(channel);
    e.setTs(ts);
    e.setEventTs(ts);
    e.setThreadTs(threadTs);
    e.setText(text);
    return e;
  }

  static String payload(AppMentionEvent event) {
    AppMentionPayload p = new AppMentionPayload();
    p.setType("event_callback");
    p.setTeamId("T1");
    p.setApiAppId("A1");
    p.setEventId(eventId());
    p.setEvent(event);
    return GSON.toJson(p);
  }

  static String mention(String eventId, String channel, String ts, String threadTs, String text) {
    AppMentionPayload p = new AppMentionPayload();
    p.setType("event_callback");
    p.setTeamId("T1");
    p.setApiAppId("A1");
    p.setEventId(eventId);
    p.setEvent(mentionEvent(channel, ts, threadTs, text));
    return GSON.toJson(p);
  }

  static String directMessage(String eventId, String ts, String text) {
    MessageEvent e = new MessageEvent();
    e.setUser("U_ASKER");
    e.setChannel("D1");
    e.setChannelType("im");
    e.setTs(ts);
    e.setText(text);
    MessagePayload p = new MessagePayload();
    p.setType("event_callback");
    p.setEventId(eventId);
    p.setEvent(e);
    return GSON.toJson(p);
  }

  /** The blocks of a chat.postMessage call, read back with the SDK's own model. */
  static List<LayoutBlock> blocks(Map<String, String> form) {
    return GSON.fromJson(form.get("blocks"), new TypeToken<List<LayoutBlock>>() {}.getType());
  }

  static List<String> texts(List<LayoutBlock> blocks) {
    return blocks.stream()
        .flatMap(
            b ->
                b instanceof SectionBlock s
                    ? Stream.of(s.getText().getText())
                    : ((ContextBlock) b)
                        .getElements().stream().map(e -> ((MarkdownTextObject) e).getText()))
        .toList();
  }
}
