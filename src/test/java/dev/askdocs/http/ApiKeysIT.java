package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.ApiSettings;
import dev.askdocs.config.Config;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys from a keys file, the rate limit and CORS, over real HTTP. */
class ApiKeysIT {
  static final String ALICE = "alice-0123456789abcdef0123";
  static final String BOB = "bob-0123456789abcdef012345";
  static final String CAROL = "carol-0123456789abcdef0123";
  static final int LIMIT = 5;
  static final String PORTAL = "https://portal.example.com";

  @TempDir static Path tmp;
  static Path keysFile;
  static App app;

  @BeforeAll
  static void start() throws Exception {
    keysFile = Files.writeString(tmp.resolve("keys"), ALICE + "\n" + BOB + "\n" + CAROL + "\n");
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, TestCorpus.withSeed(tmp.resolve("corpus")))
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .set(ApiSettings.KEYS_FILE, keysFile)
            .set(ApiSettings.RATE_LIMIT, LIMIT)
            .set(ApiSettings.RATE_LIMIT_WINDOW_SECONDS, 3600)
            .set(ApiSettings.CORS_ORIGINS, List.of(PORTAL))
            .build();
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(2));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void api_routes_need_a_key_that_is_on_the_list_and_not_revoked() throws Exception {
    var none = new HttpJson(app.port()).get("/api/v1/documents");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().get("error").get("code").asText()).isEqualTo("unauthorized");
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");

    var wrong = new HttpJson(app.port(), "mallory-0123456789abcdef").get("/api/v1/documents");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.json().get("error").get("code").asText()).isEqualTo("forbidden");

    HttpJson bob = new HttpJson(app.port(), BOB);
    assertThat(bob.get("/api/v1/documents").status()).isEqualTo(200);
    assertThat(bob.ask("Who is the Pakistani special representative for Afghanistan?").status())
        .isEqualTo(200);

    Files.writeString(keysFile, ALICE + "\n" + CAROL + "\n"); // Bob's key is revoked
    var revoked = bob.get("/api/v1/documents");
    assertThat(revoked.status()).isEqualTo(403);
    assertThat(revoked.json().get("error").get("code").asText()).isEqualTo("forbidden");
    assertThat(new HttpJson(app.port(), ALICE).get("/api/v1/documents").status()).isEqualTo(200);
  }

  @Test
  void the_page_health_and_the_description_stay_open() throws Exception {
    HttpJson anonymous = new HttpJson(app.port());
    assertThat(anonymous.get("/").status()).isEqualTo(200);
    assertThat(anonymous.get("/health").status()).isEqualTo(200);
    assertThat(anonymous.get("/openapi.json").status()).isEqualTo(200);
  }

  @Test
  void the_request_past_the_limit_gets_429_with_retry_after() throws Exception {
    HttpJson carol = new HttpJson(app.port(), CAROL);
    for (int i = 0; i < LIMIT; i++) {
      assertThat(carol.get("/api/v1/documents").status()).as("request %d", i + 1).isEqualTo(200);
    }
    var limited = carol.get("/api/v1/documents");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("error").get("code").asText()).isEqualTo("rate_limited");
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 3600L);
    var openAi = carol.get("/v1/models");
    assertThat(openAi.status()).isEqualTo(429);
    assertThat(openAi.json().get("error").get("type").asText()).isEqualTo("rate_limit_error");
  }

  @Test
  void cors_headers_only_for_the_allowed_origin() throws Exception {
    HttpJson anonymous = new HttpJson(app.port());
    var preflight =
        anonymous.send(
            HttpRequest.newBuilder(URI.create(anonymous.base() + "/api/v1/ask"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", PORTAL)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .build());
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(PORTAL);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .contains("Authorization");

    var other =
        anonymous.send(
            HttpRequest.newBuilder(URI.create(anonymous.base() + "/api/v1/ask"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.net")
                .build());
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    HttpJson alice = new HttpJson(app.port(), ALICE);
    var get =
        alice.send(
            HttpRequest.newBuilder(URI.create(alice.base() + "/api/v1/documents"))
                .header("Origin", PORTAL)
                .GET()
                .build());
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).contains(PORTAL);
  }
}
