package dev.askdocs.slack;

import static dev.askdocs.slack.SignedRequests.FORM;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.util.json.GsonFactory;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import dev.askdocs.config.SlackSettings;
import dev.askdocs.config.SlackSettings.ResponseType;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slow path of a slash command, made certain by an inline deadline of zero: the command is
 * acknowledged at once and the answer arrives at its {@code response_url}, visible to the channel
 * as the {@code in_channel} setting asks.
 */
class SlashCommandDeferredIT {
  static final Gson GSON = GsonFactory.createSnakeCase();

  @TempDir static Path tmp;
  static FakeSlack slack;
  static App app;
  static SignedRequests requests;

  @BeforeAll
  static void start() throws Exception {
    slack = new FakeSlack();
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, TestCorpus.withSeed(tmp.resolve("corpus")))
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .set(SlackSettings.BOT_TOKEN, SlackIT.BOT_TOKEN)
            .set(SlackSettings.SIGNING_SECRET, SlackIT.SECRET)
            .set(SlackSettings.API_URL, slack.apiUrl())
            .set(SlackSettings.RESPONSE_TYPE, ResponseType.IN_CHANNEL.id())
            .set(SlackSettings.INLINE_DEADLINE_MS, 0)
            .build();
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(2));
    requests = new SignedRequests(app.port(), SlackIT.SECRET);
  }

  @AfterAll
  static void stop() {
    app.close();
    slack.close();
  }

  @Test
  void acknowledges_at_once_and_answers_through_the_response_url() throws Exception {
    String responseUrl = slack.responseUrl("slow-1");
    HttpResponse<String> r =
        requests.post("/slack/commands", FORM, SlackIT.command(SlackIT.QUESTION, responseUrl));

    assertThat(r.statusCode()).isEqualTo(200);
    SlashCommandResponse ack = GSON.fromJson(r.body(), SlashCommandResponse.class);
    assertThat(ack.getResponseType()).isEqualTo("ephemeral");
    assertThat(ack.getText()).isEqualTo(SlashCommands.WORKING);

    FakeSlack.Call post =
        slack.await(c -> c.path().equals("/response/slow-1"), 1, Duration.ofSeconds(20)).get(0);
    assertThat(post.headers().get("content-type")).contains("application/json");
    SlashCommandResponse answer = GSON.fromJson(post.body(), SlashCommandResponse.class);
    assertThat(answer.getResponseType()).isEqualTo("in_channel");
    assertThat(answer.getText()).contains("Asif Durrani");
    assertThat(SlackIT.texts(answer.getBlocks())).contains("*Sources*");
    // Citations are unlinked: this app has no public URL.
    assertThat(SlackIT.texts(answer.getBlocks()))
        .anySatisfy(t -> assertThat(t).startsWith("*[1]* *Taliban urges Pakistan"));
  }

  @Test
  void keeps_help_inline_and_private() throws Exception {
    HttpResponse<String> r =
        requests.post("/slack/commands", FORM, SlackIT.command("", slack.responseUrl("help")));
    SlashCommandResponse help = GSON.fromJson(r.body(), SlashCommandResponse.class);
    assertThat(help.getResponseType()).isEqualTo("ephemeral");
    assertThat(help.getText()).contains("for example");
    assertThat(slack.calls(c -> c.path().equals("/response/help"))).isEmpty();
  }
}
