package dev.askdocs.slack;

import static dev.askdocs.slack.SignedRequests.FORM;
import static dev.askdocs.slack.SignedRequests.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.config.Config;
import dev.askdocs.config.SlackSettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack and Mattermost are admitted through the same limiter as the HTTP API: with its one slot
 * taken, each refuses at once in its own shape (an ephemeral "busy" line, a 503 that makes Slack
 * deliver the event again), nothing is answered behind the refusal, and the same request is
 * answered once the slot is free.
 */
class SlackOverloadIT {
  @TempDir static Path tmp;
  static FakeSlack slack;
  static ConcurrencyLimiter limiter;
  static App app;
  static SignedRequests requests;

  @BeforeAll
  static void start() throws Exception {
    slack = new FakeSlack();
    limiter = new ConcurrencyLimiter(1, 0, Duration.ZERO);
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, TestCorpus.withSeed(tmp.resolve("corpus")))
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .set(SlackSettings.BOT_TOKEN, SlackIT.BOT_TOKEN)
            .set(SlackSettings.SIGNING_SECRET, SlackIT.SECRET)
            .set(SlackSettings.API_URL, slack.apiUrl())
            .set(SlackSettings.MATTERMOST_TOKEN, List.of(SlackIT.MATTERMOST_TOKEN))
            .build();
    app = App.start(config, limiter);
    app.awaitReady(Duration.ofMinutes(2));
    requests = new SignedRequests(app.port(), SlackIT.SECRET);
  }

  @AfterAll
  static void stop() {
    app.close();
    slack.close();
  }

  @Test
  void a_slash_command_gets_an_ephemeral_busy_line_at_once_then_an_answer() throws Exception {
    String responseUrl = slack.responseUrl("busy-" + SlackIT.IDS.incrementAndGet());
    String body = SlackIT.command(SlackIT.QUESTION, responseUrl);
    HttpResponse<String> refused;
    try (ConcurrencyLimiter.Permit taken = limiter.admit()) {
      refused = requests.post("/slack/commands", FORM, body);
    }
    assertThat(refused.statusCode()).isEqualTo(200);
    SlashCommandResponse busy = SlackIT.GSON.fromJson(refused.body(), SlashCommandResponse.class);
    assertThat(busy.getResponseType()).isEqualTo("ephemeral");
    assertThat(busy.getText()).isEqualTo(Replies.BUSY);
    assertThat(app.slackAnswersInProgress()).as("nothing was queued for it").isZero();

    HttpResponse<String> answered = requests.post("/slack/commands", FORM, body);
    SlashCommandResponse reply = SlackIT.GSON.fromJson(answered.body(), SlashCommandResponse.class);
    String text = reply.getText();
    if (SlashCommands.WORKING.equals(text)) {
      // Slower than the inline deadline: the answer goes to response_url.
      text = slack.await(c -> c.path().contains("busy-"), 1, Duration.ofSeconds(60)).get(0).body();
    }
    assertThat(text).contains("Asif Durrani");
  }

  @Test
  void an_event_is_refused_with_503_so_that_slack_delivers_it_again() throws Exception {
    String ts = SlackIT.ts();
    String body = SlackIT.mention(SlackIT.eventId(), "C9", ts, null, "<@UBOT> " + SlackIT.QUESTION);
    HttpResponse<String> refused;
    try (ConcurrencyLimiter.Permit taken = limiter.admit()) {
      refused = requests.post("/slack/events", JSON, body);
    }
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(app.slackAnswersInProgress()).as("nothing was queued for it").isZero();
    assertThat(slack.calls(FakeSlack.postMessageIn(ts))).isEmpty();

    // Slack's retry of the same event is not taken for a duplicate: it is answered.
    Map<String, String> retry =
        new java.util.LinkedHashMap<>(
            SignedRequests.signed(SlackIT.SECRET, java.time.Instant.now(), body));
    retry.put("X-Slack-Retry-Num", "1");
    retry.put("X-Slack-Retry-Reason", "http_error");
    assertThat(requests.post("/slack/events", JSON, body, retry).statusCode()).isEqualTo(200);
    FakeSlack.Call post =
        slack.await(FakeSlack.postMessageIn(ts), 1, Duration.ofSeconds(60)).get(0);
    assertThat(post.form().get("text")).contains("Asif Durrani");
  }

  @Test
  void a_mattermost_command_gets_an_ephemeral_busy_line_at_once_then_an_answer() throws Exception {
    String body =
        SlackIT.form(
            Map.of("token", SlackIT.MATTERMOST_TOKEN, "command", "/ask", "text", SlackIT.QUESTION));
    HttpResponse<String> refused;
    try (ConcurrencyLimiter.Permit taken = limiter.admit()) {
      refused = requests.post("/hooks/mattermost", FORM, body, Map.of());
    }
    assertThat(refused.statusCode()).isEqualTo(200);
    Map<?, ?> busy = SlackIT.GSON.fromJson(refused.body(), Map.class);
    assertThat(busy.get("response_type")).isEqualTo("ephemeral");
    assertThat(busy.get("text")).isEqualTo(Replies.BUSY);

    HttpResponse<String> answered = requests.post("/hooks/mattermost", FORM, body, Map.of());
    Map<?, ?> reply = SlackIT.GSON.fromJson(answered.body(), Map.class);
    assertThat((String) reply.get("text")).contains("Asif Durrani");
    await().atMost(Duration.ofSeconds(5)).until(() -> limiter.waiting() == 0);
  }
}
