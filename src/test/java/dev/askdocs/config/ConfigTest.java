package dev.askdocs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askdocs.config.SlackSettings.ResponseType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void runs_with_no_configuration_at_all() {
    Config c = Config.fromEnv(Map.of());
    assertThat(c).isEqualTo(Config.defaults());
    assertThat(c.port()).isEqualTo(7070);
    assertThat(c.corpusDir()).isEqualTo(Path.of("corpus"));
    assertThat(c.indexDir()).isEqualTo(Path.of("data", "index"));
    assertThat(c.embeddingModel()).isEqualTo(EmbeddingModelName.ALL_MINILM_L6_V2_Q);
  }

  @Test
  void reads_every_documented_variable() {
    Config c =
        Config.fromEnv(
            Map.of(
                "ASKDOCS_PORT", "8080",
                "ASKDOCS_HOST", "0.0.0.0",
                "ASKDOCS_ALLOW_PUBLIC", "true",
                "ASKDOCS_CORPUS_DIR", "/docs",
                "ASKDOCS_INDEX_DIR", "/var/askdocs",
                "ASKDOCS_TOP_K", "8",
                "ASKDOCS_ABSTAIN_THRESHOLD", "0.3",
                "ASKDOCS_EMBEDDING_MODEL", "all-minilm-l6-v2"));
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.corpusDir()).isEqualTo(Path.of("/docs"));
    assertThat(c.indexDir()).isEqualTo(Path.of("/var/askdocs"));
    assertThat(c.topK()).isEqualTo(8);
    assertThat(c.abstainThreshold()).isEqualTo(0.3);
    assertThat(c.embeddingModel()).isEqualTo(EmbeddingModelName.ALL_MINILM_L6_V2);
  }

  @Test
  void watches_the_corpus_folder_unless_told_not_to() {
    assertThat(Config.fromEnv(Map.of()).watch()).isEqualTo(WatchSettings.defaults());
    assertThat(Config.fromEnv(Map.of()).watch().enabled()).isTrue();
    WatchSettings w =
        Config.fromEnv(Map.of("ASKDOCS_WATCH", "false", "ASKDOCS_WATCH_RESCAN_SECONDS", "15"))
            .watch();
    assertThat(w.enabled()).isFalse();
    assertThat(w.rescanInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_WATCH", "sometimes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_WATCH")
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_WATCH_RESCAN_SECONDS", "0")))
        .hasMessageContaining("ASKDOCS_WATCH_RESCAN_SECONDS");
  }

  @Test
  void blank_values_keep_defaults() {
    assertThat(Config.fromEnv(Map.of("ASKDOCS_PORT", "  ")).port()).isEqualTo(7070);
  }

  @Test
  void names_the_variable_with_a_bad_value() {
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_PORT", "seventy")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_PORT")
        .hasMessageContaining("seventy");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_PORT", "70000")))
        .hasMessageContaining("ASKDOCS_PORT");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_TOP_K", "0")))
        .hasMessageContaining("ASKDOCS_TOP_K");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_FUSION_CANDIDATES", "0")))
        .hasMessageContaining("ASKDOCS_FUSION_CANDIDATES");
    assertThat(Config.fromEnv(Map.of("ASKDOCS_FUSION_CANDIDATES", "20")).fusionCandidates())
        .isEqualTo(20);
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_ABSTAIN_THRESHOLD", "1.5")))
        .hasMessageContaining("ASKDOCS_ABSTAIN_THRESHOLD");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_EMBEDDING_MODEL", "gpt-5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_EMBEDDING_MODEL")
        .hasMessageContaining("all-minilm-l6-v2-q");
  }

  @Test
  void chat_integrations_are_off_without_their_secrets() {
    SlackSettings s = Config.fromEnv(Map.of()).slack();
    assertThat(s.slackEnabled()).isFalse();
    assertThat(s.mattermostEnabled()).isFalse();
    assertThat(s.apiUrl()).isEqualTo(URI.create("https://slack.com/api/"));
    assertThat(s.responseType()).isEqualTo(ResponseType.EPHEMERAL);
    assertThat(s.inlineDeadline()).isEqualTo(Duration.ofMillis(2500));
    assertThat(s.publicUrl()).isEmpty();
  }

  @Test
  void reads_the_chat_integration_variables() {
    SlackSettings s =
        Config.fromEnv(
                Map.of(
                    "SLACK_BOT_TOKEN", "xoxb-1",
                    "SLACK_SIGNING_SECRET", "s3cret",
                    "ASKDOCS_SLACK_API_URL", "http://127.0.0.1:9999/api",
                    "ASKDOCS_PUBLIC_URL", "https://askdocs.example.com/",
                    "ASKDOCS_MATTERMOST_TOKEN", "tok-a, tok-b",
                    "ASKDOCS_SLACK_RESPONSE_TYPE", "in_channel",
                    "ASKDOCS_SLACK_INLINE_DEADLINE_MS", "0"))
            .slack();
    assertThat(s.slackEnabled()).isTrue();
    assertThat(s.botToken()).isEqualTo("xoxb-1");
    assertThat(s.signingSecret()).isEqualTo("s3cret");
    assertThat(s.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:9999/api/"));
    assertThat(s.publicUrl()).isEqualTo("https://askdocs.example.com");
    assertThat(s.mattermostTokens()).containsExactly("tok-a", "tok-b");
    assertThat(s.responseType()).isEqualTo(ResponseType.IN_CHANNEL);
    assertThat(s.inlineDeadline()).isZero();
  }

  @Test
  void mattermost_threads_need_the_server_and_a_bot_token() {
    SlackSettings s =
        Config.fromEnv(
                Map.of(
                    "ASKDOCS_MATTERMOST_URL", "https://chat.example.com/",
                    "ASKDOCS_MATTERMOST_BOT_TOKEN", "bot-secret"))
            .slack();
    assertThat(s.mattermostThreads()).isTrue();
    assertThat(s.mattermostUrl()).isEqualTo("https://chat.example.com");
    assertThat(s.toString()).doesNotContain("bot-secret").contains("mattermostBotToken=(set)");
    assertThat(SlackSettings.defaults().mattermostThreads()).isFalse();
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_MATTERMOST_BOT_TOKEN", "t")))
        .hasMessageContaining("ASKDOCS_MATTERMOST_URL");
    assertThatThrownBy(
            () ->
                Config.fromEnv(
                    Map.of(
                        "ASKDOCS_MATTERMOST_URL", "chat.example.com",
                        "ASKDOCS_MATTERMOST_BOT_TOKEN", "t")))
        .hasMessageContaining("ASKDOCS_MATTERMOST_URL");
  }

  @Test
  void slack_needs_both_secrets() {
    assertThat(Config.fromEnv(Map.of("SLACK_BOT_TOKEN", "xoxb-1")).slack().slackEnabled())
        .isFalse();
    assertThat(Config.fromEnv(Map.of("SLACK_SIGNING_SECRET", "s")).slack().slackEnabled())
        .isFalse();
  }

  @Test
  void never_shows_secrets_in_text() {
    Config c =
        Config.builder()
            .set(SlackSettings.BOT_TOKEN, "xoxb-very-secret")
            .set(SlackSettings.SIGNING_SECRET, "signing-very-secret")
            .set(SlackSettings.API_URL, SlackSettings.SLACK_API_URL)
            .set(SlackSettings.MATTERMOST_TOKEN, List.of("mattermost-very-secret"))
            .build();
    assertThat(c.toString())
        .doesNotContain("very-secret")
        .contains("botToken=(set)")
        .contains("signingSecret=(set)");
  }

  @Test
  void names_the_chat_variable_with_a_bad_value() {
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_SLACK_RESPONSE_TYPE", "everyone")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_SLACK_RESPONSE_TYPE")
        .hasMessageContaining("in_channel");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_PUBLIC_URL", "askdocs.example.com")))
        .hasMessageContaining("ASKDOCS_PUBLIC_URL");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_SLACK_API_URL", "ftp://x/")))
        .hasMessageContaining("ASKDOCS_SLACK_API_URL");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_SLACK_INLINE_DEADLINE_MS", "5000")))
        .hasMessageContaining("ASKDOCS_SLACK_INLINE_DEADLINE_MS");
  }

  @Test
  void llm_answers_are_off_until_a_base_url_is_set() {
    assertThat(Config.defaults().llm().enabled()).isFalse();
    LlmSettings llm =
        Config.fromEnv(
                Map.of(
                    "ASKDOCS_LLM_BASE_URL", "http://localhost:11434/v1/",
                    "ASKDOCS_LLM_MODEL", "llama3.2",
                    "ASKDOCS_LLM_API_KEY", "sk-very-secret",
                    "ASKDOCS_LLM_TIMEOUT_MS", "5000",
                    "ASKDOCS_LLM_DEADLINE_MS", "12000",
                    "ASKDOCS_LLM_TEMPERATURE", "0.2",
                    "ASKDOCS_LLM_MAX_TOKENS", "300",
                    "ASKDOCS_PROMPTS_DIR", "/etc/askdocs/prompts"))
            .llm();
    assertThat(llm.enabled()).isTrue();
    assertThat(llm.baseUrl()).isEqualTo("http://localhost:11434/v1");
    assertThat(llm.model()).isEqualTo("llama3.2");
    assertThat(llm.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(llm.deadline()).isEqualTo(Duration.ofSeconds(12));
    assertThat(llm.temperature()).isEqualTo(0.2);
    assertThat(llm.maxTokens()).isEqualTo(300);
    assertThat(llm.promptsDir()).contains(Path.of("/etc/askdocs/prompts"));
    assertThat(llm.toString()).doesNotContain("very-secret").contains("apiKey=(set)");
  }

  @Test
  void names_the_llm_variable_with_a_bad_value() {
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_LLM_BASE_URL", "localhost:11434")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_LLM_BASE_URL");
    assertThatThrownBy(
            () ->
                Config.fromEnv(
                    Map.of("ASKDOCS_LLM_BASE_URL", "https://user:hunter2@llm.example.com/v1")))
        .hasMessageContaining("ASKDOCS_LLM_BASE_URL")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_LLM_TEMPERATURE", "3")))
        .hasMessageContaining("ASKDOCS_LLM_TEMPERATURE");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_LLM_TIMEOUT_MS", "0")))
        .hasMessageContaining("ASKDOCS_LLM_TIMEOUT_MS");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_CONVERSATION_TURNS", "0")))
        .hasMessageContaining("ASKDOCS_CONVERSATION_TURNS");
  }

  @Test
  void reads_the_conversation_bounds() {
    ConversationSettings c =
        Config.fromEnv(
                Map.of(
                    "ASKDOCS_CONVERSATION_TURNS", "4",
                    "ASKDOCS_CONVERSATION_TTL_MINUTES", "15"))
            .conversations();
    assertThat(c.maxTurns()).isEqualTo(4);
    assertThat(c.maxAge()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.maxConversations()).isEqualTo(ConversationSettings.DEFAULT_MAX_CONVERSATIONS);
    assertThat(
            Config.fromEnv(Map.of("ASKDOCS_CONVERSATION_RETENTION_DAYS", "90"))
                .conversations()
                .maxAge())
        .isEqualTo(Duration.ofDays(90));
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_CONVERSATION_RETENTION_DAYS", "0")))
        .hasMessageContaining("ASKDOCS_CONVERSATION_RETENTION_DAYS");
  }

  @Test
  void reads_starter_questions_separated_by_bars() {
    assertThat(
            Config.fromEnv(
                    Map.of(
                        "ASKDOCS_STARTER_QUESTIONS",
                        " How do I book leave? | |Who approves travel?"))
                .conversations()
                .starterQuestions())
        .containsExactly("How do I book leave?", "Who approves travel?");
    assertThat(ConversationSettings.defaults().starterQuestions()).isEmpty();
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_STARTER_QUESTIONS", "q|".repeat(9))))
        .hasMessageContaining("ASKDOCS_STARTER_QUESTIONS");
  }

  @Test
  void the_embedded_index_is_the_default_and_solr_is_chosen_by_variables() {
    assertThat(Config.fromEnv(Map.of()).index().backend()).isEqualTo(IndexSettings.Backend.LUCENE);
    IndexSettings solr =
        Config.fromEnv(
                Map.of(
                    "ASKDOCS_INDEX", "Solr",
                    "ASKDOCS_SOLR_URLS", " http://solr1:8983/solr/ , https://solr2/solr",
                    "ASKDOCS_SOLR_COLLECTION", "docs_v2"))
            .index();
    assertThat(solr.backend()).isEqualTo(IndexSettings.Backend.SOLR);
    assertThat(solr.solrUrls())
        .containsExactly(URI.create("http://solr1:8983/solr"), URI.create("https://solr2/solr"));
    assertThat(solr.solrCollection()).isEqualTo("docs_v2");
  }

  @Test
  void an_ingest_commits_by_time_unless_a_file_count_is_set() {
    assertThat(Config.fromEnv(Map.of()).index().commitEveryFiles()).isZero();
    assertThat(
            Config.fromEnv(Map.of("ASKDOCS_INGEST_COMMIT_FILES", "500")).index().commitEveryFiles())
        .isEqualTo(500);
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_INGEST_COMMIT_FILES", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_INGEST_COMMIT_FILES");
  }

  @Test
  void the_vector_beam_is_automatic_unless_fixed() {
    assertThat(Config.fromEnv(Map.of()).index().vectorBeam()).isZero();
    assertThat(Config.fromEnv(Map.of("ASKDOCS_VECTOR_BEAM", "200")).index().vectorBeam())
        .isEqualTo(200);
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_VECTOR_BEAM", "-5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_VECTOR_BEAM");
  }

  @Test
  void solr_settings_that_cannot_work_name_their_variable() {
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_INDEX", "elastic")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_INDEX")
        .hasMessageContaining("lucene or solr");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_INDEX", "solr")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_SOLR_URLS");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_SOLR_URLS", "solr1:8983")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_SOLR_URLS")
        .hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_SOLR_COLLECTION", "a b")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_SOLR_COLLECTION");
  }

  @Test
  void refuses_a_public_host_without_api_keys_unless_told_to_allow_it() {
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_HOST", "0.0.0.0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ASKDOCS_HOST")
        .hasMessageContaining("ASKDOCS_API_KEYS")
        .hasMessageContaining("ASKDOCS_ALLOW_PUBLIC");
    assertThat(Config.fromEnv(Map.of("ASKDOCS_HOST", "localhost")).host()).isEqualTo("localhost");
    Config withKeys =
        Config.fromEnv(
            Map.of(
                "ASKDOCS_HOST",
                "0.0.0.0",
                "ASKDOCS_API_KEYS",
                "0123456789abcdef0123, x123456789abcdef"));
    assertThat(withKeys.api().keys()).hasSize(2);
    assertThat(withKeys.api().toString()).doesNotContain("0123456789abcdef0123");
    assertThatThrownBy(() -> Config.builder().set(Config.HOST, "10.0.0.5").build())
        .hasMessageContaining("ASKDOCS_HOST");
  }

  @Test
  void reads_the_api_limits_and_cors_origins() {
    Config c =
        Config.fromEnv(
            Map.of(
                "ASKDOCS_RATE_LIMIT", "10",
                "ASKDOCS_RATE_LIMIT_WINDOW_SECONDS", "5",
                "ASKDOCS_MAX_BODY_BYTES", "4096",
                "ASKDOCS_MAX_UPLOAD_BYTES", "200000",
                "ASKDOCS_IDLE_TIMEOUT_SECONDS", "30",
                "ASKDOCS_CORS_ORIGINS", "https://portal.example.com, http://localhost:3000"));
    assertThat(c.api().rateLimit()).isEqualTo(10);
    assertThat(c.api().rateWindow()).hasSeconds(5);
    assertThat(c.api().maxBodyBytes()).isEqualTo(4096);
    assertThat(c.api().maxUploadBytes()).isEqualTo(200000);
    assertThat(c.api().idleTimeout()).hasSeconds(30);
    assertThat(c.api().corsOrigins())
        .containsExactly("https://portal.example.com", "http://localhost:3000");
    assertThat(Config.defaults().api().corsOrigins()).isEmpty();
    assertThat(Config.defaults().api().keysRequired()).isFalse();
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_CORS_ORIGINS", "portal.example.com/x")))
        .hasMessageContaining("ASKDOCS_CORS_ORIGINS");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_API_KEYS", "short")))
        .hasMessageContaining("ASKDOCS_API_KEYS")
        .hasMessageNotContaining("short'");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_ALLOW_PUBLIC", "maybe")))
        .hasMessageContaining("ASKDOCS_ALLOW_PUBLIC");
  }

  @Test
  void reads_sign_in_from_the_environment_when_askdocs_yml_declares_none() {
    ConfigFile f =
        ConfigFile.fromEnv(
            Map.of(
                "ASKDOCS_OIDC_ISSUER", "https://login.example.com/realms/acme",
                "ASKDOCS_OIDC_CLIENT_ID", "askdocs",
                "ASKDOCS_OIDC_CLIENT_SECRET", "s3cret",
                "ASKDOCS_OIDC_GROUPS_CLAIM", "roles",
                "ASKDOCS_PUBLIC_URL", "https://askdocs.example.com",
                "ASKDOCS_SESSION_HOURS", "12",
                "ASKDOCS_SESSION_IDLE_MINUTES", "30"));
    OidcSettings o = f.oidc();
    assertThat(o.issuer()).isEqualTo(URI.create("https://login.example.com/realms/acme"));
    assertThat(o.clientId()).isEqualTo("askdocs");
    assertThat(o.clientSecret()).isEqualTo("s3cret");
    assertThat(o.groupsClaim()).isEqualTo("roles");
    assertThat(o.publicUrl()).isEqualTo(URI.create("https://askdocs.example.com"));
    assertThat(o.sessionMaxAge()).isEqualTo(Duration.ofHours(12));
    assertThat(o.sessionIdle()).isEqualTo(Duration.ofMinutes(30));
    assertThat(o.toString()).doesNotContain("s3cret");
    assertThat(ConfigFile.fromEnv(Map.of()).oidc()).isNull();
    OidcSettings defaults =
        ConfigFile.fromEnv(
                Map.of(
                    "ASKDOCS_OIDC_ISSUER", "https://id.example.com", "ASKDOCS_OIDC_CLIENT_ID", "a"))
            .oidc();
    assertThat(defaults.groupsClaim()).isEqualTo("groups");
    assertThat(defaults.sessionMaxAge()).isEqualTo(Duration.ofHours(8));
    assertThat(defaults.sessionIdle()).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(
            () -> ConfigFile.fromEnv(Map.of("ASKDOCS_OIDC_ISSUER", "https://id.example.com")))
        .hasMessageContaining("ASKDOCS_OIDC_CLIENT_ID");
    assertThatThrownBy(
            () ->
                ConfigFile.fromEnv(
                    Map.of(
                        "ASKDOCS_OIDC_ISSUER", "https://id.example.com",
                        "ASKDOCS_OIDC_CLIENT_ID", "a",
                        "ASKDOCS_SESSION_IDLE_MINUTES", "0")))
        .hasMessageContaining("idleMinutes");
  }

  @Test
  void sign_in_or_keys_from_askdocs_yml_let_askdocs_serve_other_machines() {
    ConfigFile oidc =
        new ConfigFile(
            List.of(),
            List.of(),
            new OidcSettings(
                URI.create("https://id.example.com"), "a", null, null, null, null, null, null),
            null,
            null);
    Config c = Config.fromEnv(Map.of("ASKDOCS_HOST", "0.0.0.0"), oidc);
    assertThat(c.file()).isEqualTo(oidc);
    assertThat(c.toBuilder().set(Config.PORT, 0).build().file()).isEqualTo(oidc);
    ConfigFile keys =
        new ConfigFile(
            List.of(),
            List.of(new KeySettings("bot", "bot-key-0123456789abcdef", null, null, null)),
            null,
            null,
            null);
    assertThat(Config.fromEnv(Map.of("ASKDOCS_HOST", "0.0.0.0"), keys).host()).isEqualTo("0.0.0.0");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_HOST", "0.0.0.0"), ConfigFile.empty()))
        .hasMessageContaining("ASKDOCS_HOST");
  }

  @Test
  void metrics_are_on_the_main_port_without_key_unless_told_otherwise() {
    assertThat(Config.fromEnv(Map.of()).metrics()).isEqualTo(MetricsSettings.defaults());
    MetricsSettings m =
        Config.fromEnv(
                Map.of(
                    "ASKDOCS_MANAGEMENT_PORT", "9090",
                    "ASKDOCS_METRICS_KEY", "a-metrics-key-of-some-length"))
            .metrics();
    assertThat(m.managementPort()).hasValue(9090);
    assertThat(m.key()).isEqualTo("a-metrics-key-of-some-length");
    assertThat(m.toString()).doesNotContain("a-metrics-key");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_MANAGEMENT_PORT", "70000")))
        .hasMessageContaining("ASKDOCS_MANAGEMENT_PORT");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_MANAGEMENT_PORT", "nine")))
        .hasMessageContaining("ASKDOCS_MANAGEMENT_PORT");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_METRICS_KEY", "short")))
        .hasMessageContaining("ASKDOCS_METRICS_KEY")
        .hasMessageContaining("16");
  }

  @Test
  void logs_plain_text_at_info_unless_told_otherwise() {
    assertThat(Config.fromEnv(Map.of()).logs()).isEqualTo(LogSettings.defaults());
    LogSettings l =
        Config.fromEnv(Map.of("ASKDOCS_LOG_FORMAT", "JSON", "ASKDOCS_LOG_LEVEL", "debug")).logs();
    assertThat(l.json()).isTrue();
    assertThat(l.level()).isEqualTo("debug");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_LOG_FORMAT", "xml")))
        .hasMessageContaining("ASKDOCS_LOG_FORMAT")
        .hasMessageContaining("text or json");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ASKDOCS_LOG_LEVEL", "loud")))
        .hasMessageContaining("ASKDOCS_LOG_LEVEL");
  }
}
