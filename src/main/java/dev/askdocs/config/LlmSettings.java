package dev.askdocs.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

  public static final Setting BASE_URL =
      Setting.of(
          "ASKDOCS_LLM_BASE_URL",
          null,
          "OpenAI-compatible endpoint up to `/v1` (`https://api.openai.com/v1`,"
              + " `http://localhost:11434/v1`); turns on written answers"
              + " ([below](INTEGRATIONS.md#answers-written-by-a-language-model)). Unset: answers"
              + " are extractive",
          c -> c.llm().baseUrl());
  public static final Setting MODEL =
      Setting.of(
          "ASKDOCS_LLM_MODEL",
          DEFAULT_MODEL,
          "Model name as the endpoint knows it (`llama3.2`, `qwen2.5:7b-instruct`, ...)",
          c -> c.llm().model());
  public static final Setting API_KEY =
      Setting.of(
          "ASKDOCS_LLM_API_KEY",
          null,
          "Sent as the bearer token; not needed by local servers. Never logged or shown",
          c -> c.llm().apiKey());
  public static final Setting TIMEOUT_MS =
      Setting.of(
          "ASKDOCS_LLM_TIMEOUT_MS",
          DEFAULT_TIMEOUT.toMillis(),
          "Longest wait for one request to the model (for a stream: for its first token, and"
              + " between tokens)",
          c -> c.llm().timeout().toMillis());
  public static final Setting DEADLINE_MS =
      Setting.of(
          "ASKDOCS_LLM_DEADLINE_MS",
          DEFAULT_DEADLINE.toMillis(),
          "Longest a question waits on the model in total, retry and follow-up rewriting"
              + " included; then it gets the extractive answer",
          c -> c.llm().deadline().toMillis());
  public static final Setting TEMPERATURE =
      Setting.of(
          "ASKDOCS_LLM_TEMPERATURE",
          DEFAULT_TEMPERATURE,
          "Sampling temperature (0-2)",
          c -> c.llm().temperature());
  public static final Setting MAX_TOKENS =
      Setting.of(
          "ASKDOCS_LLM_MAX_TOKENS",
          DEFAULT_MAX_TOKENS,
          "Longest answer the model may write, in tokens",
          c -> c.llm().maxTokens());
  public static final Setting PROMPTS_DIR =
      Setting.of(
          "ASKDOCS_PROMPTS_DIR",
          null,
          "Folder of prompt files that replace the built-in ones in"
              + " [prompts/](../prompts/README.md), file by file",
          c -> c.llm().promptsDir());
  static final List<Setting> ALL =
      List.of(
          BASE_URL, MODEL, API_KEY, TIMEOUT_MS, DEADLINE_MS, TEMPERATURE, MAX_TOKENS, PROMPTS_DIR);

  public LlmSettings {
    baseUrl = baseUrl == null ? "" : stripTrailingSlash(baseUrl.trim());
    model = model == null || model.isBlank() ? DEFAULT_MODEL : model.trim();
    apiKey = apiKey == null ? "" : apiKey.trim();
    if (!baseUrl.isEmpty()) {
      requireHttpUrl(baseUrl);
    }
    if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ConfigException(TIMEOUT_MS.name(), "must be between 1 and 600000");
    }
    if (deadline.toMillis() < 1 || deadline.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ConfigException(DEADLINE_MS.name(), "must be between 1 and 600000");
    }
    if (!(temperature >= 0 && temperature <= 2)) {
      throw new ConfigException(TEMPERATURE.name(), "must be between 0 and 2");
    }
    if (maxTokens < 16 || maxTokens > 32_000) {
      throw new ConfigException(MAX_TOKENS.name(), "must be between 16 and 32000");
    }
  }

  /** LLM answers off; the built-in prompts. */
  public static LlmSettings defaults() {
    return fromEnv(new EnvReader(java.util.Map.of()));
  }

  static LlmSettings fromEnv(EnvReader r) {
    return new LlmSettings(
        r.string(BASE_URL),
        r.string(MODEL),
        r.string(API_KEY),
        Duration.ofMillis(r.integer(TIMEOUT_MS)),
        Duration.ofMillis(r.integer(DEADLINE_MS)),
        r.decimal(TEMPERATURE),
        r.integer(MAX_TOKENS),
        Optional.ofNullable(r.path(PROMPTS_DIR)));
  }

  /** True when a base URL is set, which turns LLM answers on. */
  public boolean enabled() {
    return !baseUrl.isEmpty();
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
      throw new ConfigException(BASE_URL.name(), "must be an http(s) URL, was '" + url + "'");
    }
    boolean usable =
        ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null
            && uri.getRawQuery() == null
            && uri.getRawUserInfo() == null;
    if (!usable) {
      // The URL is echoed, but a URL with user info (which may hold a password) is not.
      throw new ConfigException(
          BASE_URL.name(),
          "must be an http(s) URL such as http://localhost:11434/v1, without credentials or query"
              + (uri.getRawUserInfo() == null ? ", was '" + url + "'" : ""));
    }
  }
}
