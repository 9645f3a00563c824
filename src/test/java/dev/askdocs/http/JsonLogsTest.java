package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.config.Config;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * With {@code ASKDOCS_LOG_FORMAT=json}, askdocs' own logback.xml writes one JSON object per line to
 * standard error, and a line written while handling a request carries that request's id.
 */
class JsonLogsTest {
  @Test
  void a_json_log_line_carries_the_id_of_the_request_that_caused_it() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    Javalin app = null;
    ChatEndpoint chat = null;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      configure(logback, "json");

      Config config = Config.builder().set(Config.PORT, 0).build();
      ObjectMapper mapper = HttpApi.mapper();
      JsonBodies bodies = new JsonBodies(mapper);
      ConcurrencyLimiter limiter = ConcurrencyLimiter.forCores(1);
      // No answerer and no service state: the question fails with 500, which is logged.
      Scopes scopes = new Scopes(new dev.askdocs.access.AccessPolicy(config.collections(), true));
      ApiGuard guard =
          new ApiGuard(
              config.api(), null, new RateLimiter(0, config.api().rateWindow(), Clock.systemUTC()));
      ApiHandlers api =
          new ApiHandlers(config, null, null, null, null, bodies, limiter, scopes, guard, null);
      chat = new ChatEndpoint(config, null, null, bodies, mapper, limiter, scopes);
      HttpApi.ExtraRoutes extra =
          new HttpApi.ExtraRoutes(
              guard,
              new DocumentEndpoint(null, api, bodies, 1024, scopes),
              new OpenAiEndpoint(config, null, api, bodies, mapper, scopes),
              OpenApiDocument.load(),
              new FeedbackEndpoint(config, null, bodies, Clock.systemUTC()),
              new AdminEndpoint(null, false, scopes),
              new AuthEndpoint(null, null, null),
              null);
      app = HttpApi.create(config, mapper, api, chat, extra, cfg -> {}).start();
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + app.port() + "/api/v1/ask"))
                      .header("X-Request-Id", "trace-42")
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"why?\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(500);
    } finally {
      if (app != null) {
        app.stop();
      }
      if (chat != null) {
        chat.close();
      }
      System.setErr(oldErr);
      configure(logback, "text");
    }

    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : err.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(json.readTree(line)); // every line is one JSON object
      }
    }
    JsonNode failed =
        lines.stream()
            .filter(l -> l.path("formattedMessage").asText().contains("/api/v1/ask failed"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no line about the failed request: " + lines));
    assertThat(failed.get("level").asText()).isEqualTo("ERROR");
    assertThat(failed.get("mdc").get("requestId").asText()).isEqualTo("trace-42");
    assertThat(failed.get("loggerName").asText()).isEqualTo(HttpApi.class.getName());
    assertThat(failed.has("throwable")).isTrue();
  }

  /** Reloads askdocs' logback.xml as a process with {@code ASKDOCS_LOG_FORMAT=format} would. */
  static void configure(LoggerContext logback, String format) throws Exception {
    logback.reset();
    logback.putProperty("ASKDOCS_LOG_FORMAT", format);
    JoranConfigurator c = new JoranConfigurator();
    c.setContext(logback);
    c.doConfigure(JsonLogsTest.class.getResource("/logback.xml"));
  }
}
