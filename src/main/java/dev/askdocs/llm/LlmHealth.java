package dev.askdocs.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.config.LlmSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint's state for {@code /health} and the log: a start-up probe of {@code GET /models}
 * (which OpenAI, Ollama, vLLM, llama.cpp's server and LM Studio all answer), then the outcome of
 * each call. Messages never contain the API key. Thread-safe.
 */
final class LlmHealth {
  private static final Logger LOG = LoggerFactory.getLogger(LlmHealth.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LlmSettings settings;
  private volatile LlmStatus status;

  LlmHealth(LlmSettings settings) {
    this.settings = settings;
    this.status = status("unchecked", "not called yet");
  }

  LlmStatus status() {
    return status;
  }

  void ok() {
    if (!"ok".equals(status.state())) {
      LOG.info("language model at {} answers", settings.baseUrl());
    }
    status = status("ok", null);
  }

  /** Records a failure and returns it, for throwing. */
  LlmUnavailableException failed(LlmUnavailableException e) {
    String before = status.state();
    status = status(e.failure().id(), redact(e.getMessage()));
    if (!before.equals(status.state())) {
      LOG.warn("{}", status.message());
    }
    return e;
  }

  LlmStatus probe() {
    URI models = URI.create(settings.baseUrl() + "/models");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(models)
            .timeout(settings.timeout())
            .header("Accept", "application/json");
    if (!settings.apiKey().isEmpty()) {
      request.header("Authorization", "Bearer " + settings.apiKey());
    }
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(min(settings.timeout(), Duration.ofSeconds(10)))
            .build();
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      int s = r.statusCode();
      if (s == 401 || s == 403) {
        return record(
            LlmFailure.UNAUTHORIZED.id(),
            "GET " + models + " answered " + s + ": check ASKDOCS_LLM_API_KEY");
      }
      if (s == 404) {
        return record(
            "not_found",
            "GET " + models + " answered 404: check ASKDOCS_LLM_BASE_URL (it usually ends in /v1)");
      }
      if (s < 200 || s > 299) {
        return record(
            s == 429 ? LlmFailure.RATE_LIMITED.id() : LlmFailure.SERVER_ERROR.id(),
            "GET " + models + " answered " + s);
      }
      List<String> ids = modelIds(r.body());
      if (!ids.isEmpty() && !listed(ids, settings.model())) {
        return record(
            LlmFailure.MODEL_NOT_FOUND.id(),
            "the endpoint does not list the model '"
                + settings.model()
                + "' (it lists "
                + String.join(", ", ids.subList(0, Math.min(ids.size(), 10)))
                + (ids.size() > 10 ? ", …" : "")
                + "): check ASKDOCS_LLM_MODEL");
      }
      status = status("ok", null);
      LOG.info("language model '{}' at {} is available", settings.model(), settings.baseUrl());
      return status;
    } catch (IOException e) {
      return record(
          LlmFailure.UNREACHABLE.id(),
          "cannot reach " + models + " (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return status;
    }
  }

  private LlmStatus record(String state, String message) {
    status = status(state, redact(message));
    LOG.warn(
        "language model check failed: {}; answers fall back to extractive ones while this lasts",
        message);
    return status;
  }

  private static boolean listed(List<String> ids, String model) {
    // Ollama lists "llama3.2:latest" for a model asked for as "llama3.2".
    return ids.contains(model) || ids.contains(model + ":latest");
  }

  private static List<String> modelIds(String body) {
    List<String> ids = new ArrayList<>();
    try {
      JsonNode data = JSON.readTree(body).path("data");
      data.forEach(m -> ids.add(m.path("id").asText()));
    } catch (IOException e) {
      // Not the OpenAI shape: nothing to compare the model name with, so don't judge it.
      return List.of();
    }
    return ids;
  }

  /** {@code text} with the API key, if it appears, replaced. */
  String redact(String text) {
    if (text == null || settings.apiKey().isEmpty()) {
      return text;
    }
    return text.replace(settings.apiKey(), "(api key)");
  }

  private LlmStatus status(String state, String message) {
    return new LlmStatus(
        true,
        settings.baseUrl(),
        settings.model(),
        !settings.apiKey().isEmpty(),
        state,
        message,
        "unchecked".equals(state) ? null : Instant.now());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
