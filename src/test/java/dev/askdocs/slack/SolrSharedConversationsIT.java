package dev.askdocs.slack;

import static dev.askdocs.slack.FakeSlack.postMessageIn;
import static dev.askdocs.slack.SignedRequests.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import dev.askdocs.config.IndexSettings;
import dev.askdocs.config.SlackSettings;
import dev.askdocs.embed.OnnxMiniLmEmbedder;
import dev.askdocs.index.solr.SolrCollections;
import dev.askdocs.index.solr.SolrConversationIndex;
import dev.askdocs.index.solr.SolrTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two askdocs processes' worth of apps on one SolrCloud collection: the conversations live in
 * SolrCloud, so the two answer alternate turns of one conversation, and a Slack event delivered to
 * both is answered once.
 */
class SolrSharedConversationsIT {
  static final String SECRET = "test-signing-secret";
  static final ObjectMapper JSON_MAPPER = new ObjectMapper();
  static final String CONVERSATIONS = "shared-conversations_conversations";
  static final String PLANTED = "planted-old-event";

  @TempDir static Path tmp;
  static FakeSlack slack;
  static App one;
  static App two;

  @BeforeAll
  static void start() throws Exception {
    slack = new FakeSlack();
    List<URI> urls = SolrTestCluster.shared().nodes();
    SolrCollections.init(
        urls,
        "shared-conversations",
        1,
        1,
        Config.defaults().embeddingModel().id(),
        OnnxMiniLmEmbedder.DIMENSION);
    Path corpus = TestCorpus.withSeed(tmp.resolve("corpus"));
    one = App.start(config(corpus, urls, "one"));
    one.awaitReady(Duration.ofMinutes(2));
    // A claim two hours old, as a node that ran yesterday leaves: the next start removes it.
    try (SolrConversationIndex store = SolrConversationIndex.open(urls, CONVERSATIONS)) {
      Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
      assertThat(store.claim(PLANTED, twoHoursAgo, twoHoursAgo.minusSeconds(1))).isTrue();
    }
    two = App.start(config(corpus, urls, "two"));
    two.awaitReady(Duration.ofMinutes(2));
  }

  static Config config(Path corpus, List<URI> urls, String name) {
    return Config.builder()
        .set(Config.CORPUS_DIR, corpus)
        .set(Config.INDEX_DIR, tmp.resolve(name))
        .set(Config.PORT, 0)
        .set(IndexSettings.BACKEND, "solr")
        .set(IndexSettings.SOLR_URLS, urls)
        .set(IndexSettings.SOLR_COLLECTION, "shared-conversations")
        .set(SlackSettings.BOT_TOKEN, "xoxb-test")
        .set(SlackSettings.SIGNING_SECRET, SECRET)
        .set(SlackSettings.API_URL, slack.apiUrl())
        .build();
  }

  @AfterAll
  static void stop() {
    if (two != null) {
      two.close();
    }
    if (one != null) {
      one.close();
    }
    slack.close();
  }

  static JsonNode chat(App app, Map<String, Object> body) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/v1/chat"))
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON_MAPPER.writeValueAsString(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON_MAPPER.readTree(r.body());
  }

  @Test
  void two_servers_answer_alternate_turns_of_one_conversation() throws Exception {
    String id =
        chat(one, Map.of("question", "How many TTP fighters are in Afghanistan?"))
            .get("conversationId")
            .asText();

    JsonNode followUp =
        chat(
            two, Map.of("question", "And how many if families are counted?", "conversationId", id));

    assertThat(followUp.get("searchedQuestion").asText()).contains("TTP").contains("fighters");
    assertThat(followUp.get("answer").asText()).contains("30,000");
    JsonNode third = chat(one, Map.of("question", "Who leads them?", "conversationId", id));
    assertThat(third.get("rewrittenBy").asText()).isEqualTo("heuristic");
  }

  @Test
  void a_slack_event_delivered_to_both_servers_is_answered_once() throws Exception {
    String ts = "1700000001.000001";
    String body = SlackIT.mention("EvShared1", "C9", ts, null, "<@UBOT> " + SlackIT.QUESTION);
    for (App app : List.of(one, two)) {
      Map<String, String> headers =
          new LinkedHashMap<>(SignedRequests.signed(SECRET, java.time.Instant.now(), body));
      HttpResponse<String> r =
          new SignedRequests(app.port(), SECRET).post("/slack/events", JSON, body, headers);
      assertThat(r.statusCode()).isEqualTo(200);
    }

    slack.await(postMessageIn(ts), 1, Duration.ofSeconds(30));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> one.slackAnswersInProgress() == 0 && two.slackAnswersInProgress() == 0);
    assertThat(slack.calls(postMessageIn(ts))).hasSize(1);
  }

  @Test
  void old_event_claims_are_removed_at_start_and_a_stale_claim_is_claimed_afresh()
      throws Exception {
    await().atMost(Duration.ofSeconds(60)).until(() -> claimsOf("event!" + PLANTED) == 0);

    List<URI> urls = SolrTestCluster.shared().nodes();
    try (SolrConversationIndex store = SolrConversationIndex.open(urls, CONVERSATIONS)) {
      Instant t0 = Instant.now().minus(Duration.ofHours(3));
      assertThat(store.claim("stale-event", t0, t0.minusSeconds(1))).isTrue();
      assertThat(store.claim("stale-event", t0.plusSeconds(60), t0.minusSeconds(1))).isFalse();
      // Not yet removed, but older than what is remembered: claimed again, once.
      Instant later = t0.plus(Duration.ofHours(2));
      assertThat(store.claim("stale-event", later, later.minus(Duration.ofHours(1)))).isTrue();
      assertThat(store.claim("stale-event", later, later.minus(Duration.ofHours(1)))).isFalse();
      assertThat(claimsOf("event!stale-event")).isEqualTo(1);
      store.forgetClaimsBefore(later.plusSeconds(1));
      assertThat(claimsOf("event!stale-event")).isZero();
    }
  }

  /**
   * How many records with {@code id} the conversations collection holds (0 or 1), asked of Solr's
   * real-time get, which sees uncommitted changes too.
   */
  static long claimsOf(String id) throws Exception {
    URI node = SolrTestCluster.shared().nodes().get(0);
    String q = java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            node.toString().replaceAll("/$", "")
                                + "/"
                                + CONVERSATIONS
                                + "/get?id="
                                + q))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON_MAPPER.readTree(r.body()).path("doc").isObject() ? 1 : 0;
  }
}
