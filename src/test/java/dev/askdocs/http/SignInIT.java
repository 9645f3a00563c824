package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.ApiSettings;
import dev.askdocs.config.Config;
import dev.askdocs.config.ConfigFile;
import dev.askdocs.config.KeySettings;
import dev.askdocs.config.OidcSettings;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in with OpenID Connect against a real provider (mock-oauth2-server: its login form, tokens
 * signed with its own keys, JWKS, user-info, end-session), over plain HTTP: the flow's checks, the
 * session cookie, CSRF, API keys as identities, and no open redirect.
 */
class SignInIT {
  static final String CLIENT = "askdocs";
  static final String BOT_KEY = "ci-bot-key-0123456789abcdef";
  static final String LEGACY_KEY = "legacy-key-0123456789abcdef";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static MockOAuth2Server provider;
  static App app;
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @BeforeAll
  static void start() throws Exception {
    provider = new MockOAuth2Server(new OAuth2Config(true));
    provider.start();
    ConfigFile file =
        new ConfigFile(
            List.of(),
            List.of(new KeySettings("ci-bot", BOT_KEY, null, List.of("robots"), List.of())),
            settings(),
            null,
            null);
    Config config =
        Config.builder()
            .file(file)
            .set(ApiSettings.KEYS, LEGACY_KEY)
            .set(Config.CORPUS_DIR, TestCorpus.withSeed(tmp.resolve("corpus")))
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .build();
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(2));
  }

  @AfterAll
  static void stop() {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      if (provider != null) {
        provider.shutdown();
      }
    }
  }

  @Test
  void signs_in_through_the_provider_and_me_shows_the_groups_from_the_claim() throws Exception {
    Login login = startLogin("/?doc=0123456789abcdef");
    HttpResponse<String> back =
        finish(login, "ada", "{\"email\": \"ada@example.com\", \"groups\": [\"staff\", \"eng\"]}");
    assertThat(back.statusCode()).isEqualTo(302);
    assertThat(back.headers().firstValue("Location")).contains("/?doc=0123456789abcdef");
    String setCookie = sessionCookieHeader(back);
    assertThat(setCookie)
        .contains("HttpOnly")
        .contains("SameSite=Lax")
        .contains("Path=/;")
        .contains("Max-Age=28800")
        .doesNotContain("Secure"); // plain http here; AuthEndpointTest covers https
    String session = cookieValue(setCookie);
    assertThat(Base64.getUrlDecoder().decode(session)).hasSize(32);

    JsonNode me = json(get("/api/v1/me", Map.of("Cookie", "askdocs_session=" + session)));
    assertThat(me.get("name").asText()).isEqualTo("ada@example.com");
    assertThat(me.get("kind").asText()).isEqualTo("PERSON");
    assertThat(me.get("groups").toString()).isEqualTo("[\"eng\",\"staff\"]");
    assertThat(me.get("csrfToken").asText()).hasSizeGreaterThan(40);
  }

  @Test
  void a_cookie_request_that_changes_something_needs_the_csrf_token() throws Exception {
    String session = signIn("bob", "{}");
    String csrf = json(get("/api/v1/me", cookie(session))).get("csrfToken").asText();
    String ask = "{\"question\": \"Who is the Pakistani special representative for Afghanistan?\"}";

    HttpResponse<String> without = post("/api/v1/ask", ask, cookie(session));
    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(json(without).get("error").get("code").asText()).isEqualTo("forbidden");
    Map<String, String> wrong = new LinkedHashMap<>(cookie(session));
    wrong.put("X-CSRF-Token", csrf.substring(1) + "x");
    assertThat(post("/api/v1/ask", ask, wrong).statusCode()).isEqualTo(403);

    Map<String, String> with = new LinkedHashMap<>(cookie(session));
    with.put("X-CSRF-Token", csrf);
    HttpResponse<String> ok = post("/api/v1/ask", ask, with);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok).get("answer").asText()).isNotBlank();
    // A bearer key carries no ambient authority: no CSRF token needed.
    assertThat(post("/api/v1/ask", ask, Map.of("Authorization", "Bearer " + BOT_KEY)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void without_a_session_or_a_key_the_api_asks_to_sign_in() throws Exception {
    HttpResponse<String> none = get("/api/v1/documents", Map.of());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(json(none).get("error").get("code").asText()).isEqualTo("sign_in_required");
    HttpResponse<String> forged =
        get("/api/v1/me", cookie("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    assertThat(forged.statusCode()).isEqualTo(401);
  }

  @Test
  void api_keys_are_identities_with_their_names_and_groups() throws Exception {
    JsonNode bot = json(get("/api/v1/me", Map.of("Authorization", "Bearer " + BOT_KEY)));
    assertThat(bot.get("name").asText()).isEqualTo("ci-bot");
    assertThat(bot.get("kind").asText()).isEqualTo("KEY");
    assertThat(bot.get("groups").toString()).isEqualTo("[\"robots\"]");
    assertThat(bot.has("csrfToken")).isFalse();
    JsonNode legacy = json(get("/api/v1/me", Map.of("Authorization", "Bearer " + LEGACY_KEY)));
    assertThat(legacy.get("kind").asText()).isEqualTo("LEGACY_KEY");
    assertThat(legacy.get("name").asText()).matches("key-[0-9a-f]{8}");
    assertThat(legacy.get("groups").size()).isZero();
    assertThat(
            get("/api/v1/me", Map.of("Authorization", "Bearer wrong-key-0123456789abcdef"))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void a_callback_with_a_state_this_browser_did_not_start_is_refused() throws Exception {
    Login login = startLogin("/");
    HttpResponse<String> atProvider = submitLoginForm(login, "eve", "{}");
    URI callback = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
    // The right state and code, but in a browser without the login cookie (login CSRF).
    HttpResponse<String> noCookie =
        get(callback.getRawPath() + "?" + callback.getRawQuery(), Map.of());
    assertThat(noCookie.statusCode()).isEqualTo(401);
    // A state that was never issued, with a matching cookie.
    HttpResponse<String> madeUp =
        get("/auth/callback?code=abc&state=made-up", Map.of("Cookie", "askdocs_login=made-up"));
    assertThat(madeUp.statusCode()).isEqualTo(401);
    assertThat(json(madeUp).get("error").get("code").asText()).isEqualTo("unauthorized");
  }

  @Test
  void an_id_token_is_checked_against_the_providers_keys_issuer_audience_expiry_and_nonce()
      throws Exception {
    OidcLogin login = new OidcLogin(settings(), java.time.Clock.systemUTC());
    Nonce nonce = new Nonce("n-0123456789");
    Map<String, Object> withNonce = Map.of("nonce", nonce.getValue());
    SignedJWT good = provider.issueToken("default", "mallory", CLIENT, withNonce);
    assertThat(login.checkIdToken(good, nonce).getSubject().getValue()).isEqualTo("mallory");

    String[] parts = good.serialize().split("\\.");
    String claims =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("mallory", "admin00");
    JWT tampered =
        JWTParser.parse(
            parts[0]
                + "."
                + Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "."
                + parts[2]);
    Map<String, JWT> refused = new LinkedHashMap<>();
    refused.put("tampered", tampered);
    refused.put(
        "wrong nonce", provider.issueToken("default", "mallory", CLIENT, Map.of("nonce", "other")));
    refused.put("no nonce", provider.issueToken("default", "mallory", CLIENT, Map.of()));
    refused.put(
        "other client", provider.issueToken("default", "mallory", "someone-else", withNonce));
    refused.put(
        "other issuer and keys", provider.issueToken("other", "mallory", CLIENT, withNonce));
    refused.put("expired", provider.issueToken("default", "mallory", CLIENT, withNonce, -600));
    refused.put("unsigned", new PlainJWT(good.getJWTClaimsSet()));
    for (Map.Entry<String, JWT> e : refused.entrySet()) {
      assertThatThrownBy(() -> login.checkIdToken(e.getValue(), nonce)).as(e.getKey()).isNotNull();
    }
  }

  static OidcSettings settings() {
    return new OidcSettings(
        provider.issuerUrl("default").uri(),
        CLIENT,
        "not-so-secret",
        "groups",
        null,
        null,
        null,
        null);
  }

  @Test
  void sign_out_needs_the_csrf_token_ends_the_session_and_the_providers() throws Exception {
    String session = signIn("carol", "{\"groups\": [\"staff\"]}");
    String csrf = json(get("/api/v1/me", cookie(session))).get("csrfToken").asText();
    assertThat(post("/auth/logout", "", cookie(session)).statusCode()).isEqualTo(403);
    assertThat(get("/api/v1/me", cookie(session)).statusCode()).isEqualTo(200);

    Map<String, String> with = new LinkedHashMap<>(cookie(session));
    with.put("X-CSRF-Token", csrf);
    HttpResponse<String> out = post("/auth/logout", "", with);
    assertThat(out.statusCode()).isEqualTo(200);
    assertThat(json(out).get("location").asText())
        .startsWith(provider.endSessionEndpointUrl("default").toString())
        .contains("id_token_hint=");
    assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.contains("Max-Age=0"));
    // The session is over on the server, whatever the browser still holds.
    HttpResponse<String> after = get("/api/v1/me", cookie(session));
    assertThat(after.statusCode()).isEqualTo(401);
  }

  @Test
  void login_returns_only_to_paths_on_this_server() throws Exception {
    for (String evil :
        List.of(
            "https://evil.example.com/",
            "//evil.example.com/",
            "/\\evil.example.com",
            "javascript:alert(1)",
            "evil")) {
      HttpResponse<String> r =
          get("/auth/login?returnTo=" + URLEncoder.encode(evil, StandardCharsets.UTF_8), Map.of());
      assertThat(r.statusCode()).as(evil).isEqualTo(400);
      assertThat(r.headers().firstValue("Location")).as(evil).isEmpty();
    }
    HttpResponse<String> fine = get("/auth/login?returnTo=%2F%3Fdoc%3Dabc", Map.of());
    assertThat(fine.statusCode()).isEqualTo(302);
    assertThat(fine.headers().firstValue("Location").orElseThrow())
        .startsWith(provider.authorizationEndpointUrl("default").toString())
        .contains("code_challenge_method=S256")
        .contains("nonce=")
        .contains("state=");
  }

  // ---------- the flow, step by step, as a browser would take it ----------

  record Login(URI authorize, String state) {}

  static Login startLogin(String returnTo) throws Exception {
    HttpResponse<String> r =
        get(
            "/auth/login?returnTo=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8),
            Map.of());
    assertThat(r.statusCode()).isEqualTo(302);
    String loginCookie =
        r.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("askdocs_login="))
            .findFirst()
            .orElseThrow();
    return new Login(
        URI.create(r.headers().firstValue("Location").orElseThrow()), cookieValue(loginCookie));
  }

  /** Posts the provider's own login form, as a person would fill it in. */
  static HttpResponse<String> submitLoginForm(Login login, String user, String claims)
      throws Exception {
    String form =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&claims="
            + URLEncoder.encode(claims, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(login.authorize())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    return r;
  }

  static HttpResponse<String> finish(Login login, String user, String claims) throws Exception {
    URI callback =
        URI.create(
            submitLoginForm(login, user, claims).headers().firstValue("Location").orElseThrow());
    assertThat(callback.getPath()).isEqualTo("/auth/callback");
    return get(
        callback.getRawPath() + "?" + callback.getRawQuery(),
        Map.of("Cookie", "askdocs_login=" + login.state()));
  }

  static String signIn(String user, String claims) throws Exception {
    HttpResponse<String> back = finish(startLogin("/"), user, claims);
    assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
    return cookieValue(sessionCookieHeader(back));
  }

  static String sessionCookieHeader(HttpResponse<String> r) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("askdocs_session="))
        .findFirst()
        .orElseThrow();
  }

  static String cookieValue(String setCookie) {
    return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
  }

  static Map<String, String> cookie(String session) {
    return Map.of("Cookie", "askdocs_session=" + session);
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  static String base() {
    return "http://127.0.0.1:" + app.port();
  }
}
