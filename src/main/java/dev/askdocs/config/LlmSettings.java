package dev.askdocs.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the optional LLM answerer, which talks to any OpenAI-compatible chat-completions
 * endpoint (OpenAI, Ollama, vLLM, llama.cpp's server, LM Studio). Off while {@link #baseUrl()} is
 * empty: askdocs then answers extractively. {@link #toString()} never shows the API key.
 *
 * @param baseUrl the endpoint's base URL, up to and including {@code /v1}; empty turns LLM answers
 *     off
 * @param model the model name the endpoint knows
 * @param apiKey sent as a bearer token; empty when the endpoint needs none (a local server)
 * @param timeout the longest wait for one request to the model
 * @param deadline the longest a question waits on the model in total, retry and follow-up rewriting
 *     included; past it the extractive answer is given
 * @param temperature sampling temperature, 0 to 2
 * @param maxTokens longest answer the model may write, in tokens
 * @param promptsDir a folder whose prompt files replace the built-in ones, file by file; empty
 *     keeps the built-in prompts
 */
public record LlmSettings(
    String baseUrl,
    String model,
    String apiKey,
    Duration timeout,
    Duration deadline,
    double temperature,
    int maxTokens,
    Optional<Path> promptsDir) {

  public static final String DEFAULT_MODEL = "gpt-4o-mini";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
  public static final double DEFAULT_TEMPERATURE = 0.0;
  public static final int DEFAULT_MAX_TOKENS = 600;

  public LlmSettings {
    baseUrl = baseUrl == null ? "" : stripTrailingSlash(baseUrl.trim());
    model = model == null || model.isBlank() ? DEFAULT_MODEL : model.trim();
    apiKey = apiKey == null ? "" : apiKey.trim();
    if (!baseUrl.isEmpty()) {
      requireHttpUrl(baseUrl);
    }
    if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ConfigException("ASKDOCS_LLM_TIMEOUT_MS", "must be between 1 and 600000");
    }
    if (deadline.toMillis() < 1 || deadline.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ConfigException("ASKDOCS_LLM_DEADLINE_MS", "must be between 1 and 600000");
    }
    if (!(temperature >= 0 && temperature <= 2)) {
      throw new ConfigException("ASKDOCS_LLM_TEMPERATURE", "must be between 0 and 2");
    }
    if (maxTokens < 16 || maxTokens > 32_000) {
      throw new ConfigException("ASKDOCS_LLM_MAX_TOKENS", "must be between 16 and 32000");
    }
  }

  /** LLM answers off; the built-in prompts. */
  public static LlmSettings defaults() {
    return new LlmSettings(
        "",
        DEFAULT_MODEL,
        "",
        DEFAULT_TIMEOUT,
        DEFAULT_DEADLINE,
        DEFAULT_TEMPERATURE,
        DEFAULT_MAX_TOKENS,
        Optional.empty());
  }

  static LlmSettings fromEnv(EnvReader r) {
    LlmSettings d = defaults();
    return new LlmSettings(
        r.string("ASKDOCS_LLM_BASE_URL", ""),
        r.string("ASKDOCS_LLM_MODEL", d.model()),
        r.string("ASKDOCS_LLM_API_KEY", ""),
        Duration.ofMillis(r.integer("ASKDOCS_LLM_TIMEOUT_MS", (int) d.timeout().toMillis())),
        Duration.ofMillis(r.integer("ASKDOCS_LLM_DEADLINE_MS", (int) d.deadline().toMillis())),
        r.decimal("ASKDOCS_LLM_TEMPERATURE", d.temperature()),
        r.integer("ASKDOCS_LLM_MAX_TOKENS", d.maxTokens()),
        r.value("ASKDOCS_PROMPTS_DIR", Optional.<Path>empty(), v -> Optional.of(Path.of(v))));
  }

  /** True when a base URL is set, which turns LLM answers on. */
  public boolean enabled() {
    return !baseUrl.isEmpty();
  }

  public LlmSettings withEndpoint(String baseUrl, String model, String apiKey) {
    return new LlmSettings(
        baseUrl, model, apiKey, timeout, deadline, temperature, maxTokens, promptsDir);
  }

  public LlmSettings withTimeouts(Duration timeout, Duration deadline) {
    return new LlmSettings(
        baseUrl, model, apiKey, timeout, deadline, temperature, maxTokens, promptsDir);
  }

  public LlmSettings withPromptsDir(Path value) {
    return new LlmSettings(
        baseUrl,
        model,
        apiKey,
        timeout,
        deadline,
        temperature,
        maxTokens,
        Optional.ofNullable(value));
  }

  /** Shows whether the key is set, never the key. */
  @Override
  public String toString() {
    return "LlmSettings[baseUrl="
        + (baseUrl.isEmpty() ? "(off)" : baseUrl)
        + ", model="
        + model
        + ", apiKey="
        + (apiKey.isEmpty() ? "(not set)" : "(set)")
        + ", timeout="
        + timeout.toMillis()
        + "ms, deadline="
        + deadline.toMillis()
        + "ms, temperature="
        + temperature
        + ", maxTokens="
        + maxTokens
        + ", promptsDir="
        + promptsDir.map(Path::toString).orElse("(built-in)")
        + "]";
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static void requireHttpUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "ASKDOCS_LLM_BASE_URL", "must be an http(s) URL, was '" + url + "'");
    }
    boolean usable =
        ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null
            && uri.getRawQuery() == null
            && uri.getRawUserInfo() == null;
    if (!usable) {
      // The URL is echoed, but a URL with user info (which may hold a password) is not.
      throw new ConfigException(
          "ASKDOCS_LLM_BASE_URL",
          "must be an http(s) URL such as http://localhost:11434/v1, without credentials or query"
              + (uri.getRawUserInfo() == null ? ", was '" + url + "'" : ""));
    }
  }
}
