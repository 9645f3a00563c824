package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.config.Config;
import dev.askdocs.config.OidcSettings;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /openapi.json} describes every registered route, and its examples fit its schemas. */
class OpenApiTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static JsonNode doc;

  @BeforeAll
  static void load() {
    doc = OpenApiSchemas.DOC;
  }

  /** The routes the server registers, as "METHOD /path"; built without starting it. */
  static List<String> registeredRoutes() {
    Javalin app = server(null);
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(e -> e.endpoint.method + " " + e.endpoint.path)
        .filter(
            r ->
                r.startsWith("GET ")
                    || r.startsWith("POST ")
                    || r.startsWith("DELETE ")
                    || r.startsWith("PUT ")
                    || r.startsWith("PATCH "))
        .toList();
  }

  /**
   * Every route the server registers, on a free port, without services behind them (not started).
   */
  static Javalin server(ServiceState state) {
    Config config = Config.builder().set(Config.PORT, 0).build();
    ObjectMapper mapper = HttpApi.mapper();
    JsonBodies bodies = new JsonBodies(mapper);
    ConcurrencyLimiter limiter = ConcurrencyLimiter.forCores(1);
    Scopes scopes = new Scopes(new dev.askdocs.access.AccessPolicy(config.collections(), true));
    ApiGuard guard =
        new ApiGuard(
            config.api(), null, new RateLimiter(0, config.api().rateWindow(), Clock.systemUTC()));
    ApiHandlers api =
        new ApiHandlers(config, null, null, null, state, bodies, limiter, scopes, guard, null);
    ChatEndpoint chat = new ChatEndpoint(config, null, null, bodies, mapper, limiter, scopes);
    HttpApi.ExtraRoutes extra =
        new HttpApi.ExtraRoutes(
            guard,
            new DocumentEndpoint(null, api, bodies, 1024, scopes),
            new OpenAiEndpoint(config, null, api, bodies, mapper, scopes),
            OpenApiDocument.load(),
            new FeedbackEndpoint(config, null, bodies, Clock.systemUTC()),
            new AdminEndpoint(null, false, scopes),
            // With sign-in configured, so that its routes are registered too (nothing is fetched).
            new AuthEndpoint(
                new OidcLogin(
                    new OidcSettings(
                        URI.create("https://login.example.com"),
                        "askdocs",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                    Clock.systemUTC()),
                new Sessions(Duration.ofHours(8), Duration.ofHours(1), Clock.systemUTC()),
                null),
            state);
    Javalin app =
        HttpApi.create(
            config,
            mapper,
            api,
            chat,
            extra,
            ((java.util.function.Consumer<io.javalin.config.JavalinConfig>)
                    new BackupEndpoint(null, false, bodies)::routes)
                .andThen(new ConversationEndpoint(null, bodies)::routes));
    chat.close();
    return app;
  }

  @Test
  void is_an_openapi_3_1_document() {
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.get("info").get("title").asText()).isEqualTo("askdocs");
    assertThat(doc.get("paths").size()).isPositive();
  }

  @Test
  void describes_every_registered_route() {
    List<String> routes = registeredRoutes();
    assertThat(routes).contains("POST /v1/chat/completions", "DELETE /api/v1/documents/{id}");
    TreeSet<String> described = new TreeSet<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> described.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
    assertThat(described).containsAll(routes);
    // And nothing is described that the server does not serve.
    assertThat(routes).containsAll(described);
  }

  @Test
  void every_example_validates_against_its_schema() {
    List<String> checked = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          String where = op.getKey() + " " + path.getKey();
                          JsonNode body = op.getValue().path("requestBody").path("content");
                          check(where + " request", body, checked, failures);
                          op.getValue()
                              .path("responses")
                              .fields()
                              .forEachRemaining(
                                  r ->
                                      check(
                                          where + " " + r.getKey(),
                                          r.getValue().path("content"),
                                          checked,
                                          failures));
                        }));
    assertThat(failures).isEmpty();
    assertThat(checked).hasSizeGreaterThan(40);
    // Every route but the description itself, the sign-in redirects (302, no body) and the page
    // images (PNG) shows a successful response.
    for (String route : registeredRoutes()) {
      if (route.equals("GET /openapi.json")
          || route.equals("GET /api/v1/documents/{id}/pages/{page}")
          || route.equals("GET /auth/login")
          || route.equals("GET /auth/callback")) {
        continue;
      }
      String[] mp = route.split(" ", 2);
      String prefix = mp[0].toLowerCase(Locale.ROOT) + " " + mp[1] + " 20";
      assertThat(checked).as(route).anyMatch(c -> c.startsWith(prefix));
    }
  }

  @Test
  void the_check_catches_an_example_that_does_not_fit() {
    JsonNode schema = doc.at("/components/schemas/AskResponse");
    ObjectNode bad =
        (ObjectNode)
            doc.at("/paths/~1api~1v1~1ask/post/responses/200/content/application~1json/example")
                .deepCopy();
    assertThat(errors(schema, bad)).isEmpty();
    bad.remove("answer");
    bad.put("abstained", "no");
    assertThat(errors(schema, bad)).hasSize(2);
  }

  private static void check(
      String where, JsonNode content, List<String> checked, List<String> failures) {
    JsonNode json = content.path("application/json");
    if (json.isMissingNode() || !json.has("example")) {
      return;
    }
    List<Error> errors = errors(json.get("schema"), json.get("example"));
    checked.add(where);
    if (!errors.isEmpty()) {
      failures.add(where + ": " + errors);
    }
  }

  static List<Error> errors(JsonNode schema, JsonNode value) {
    return OpenApiSchemas.errors(schema, value);
  }
}
