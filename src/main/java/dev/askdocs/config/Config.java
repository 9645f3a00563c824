package dev.askdocs.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Every setting askdocs reads, as plain values. Built once at start-up by {@link #fromEnv} (which
 * fails fast naming the bad variable) or by {@link #builder()}, or from another config by {@link
 * #toBuilder()}.
 *
 * @param host interface the HTTP server binds
 * @param port HTTP port; 0 picks a free one
 * @param corpusDir folder of documents ingested by {@code serve}
 * @param indexDir folder of the Lucene index
 * @param topK passages retrieved per question
 * @param abstainThreshold answer confidence below which askdocs says the documents don't answer
 * @param embeddingModel {@link EmbeddingModelName}
 * @param maxQuestionChars longest question accepted
 * @param fusion how BM25 and vector results are fused: {@code rrf[:k]} or {@code convex[:alpha]}
 * @param fusionCandidates how many hits each of the BM25 and vector searches hands to the fusion
 * @param slack {@link SlackSettings}: the Slack and Mattermost integrations, off by default
 * @param llm {@link LlmSettings}: answers written by a language model, off by default
 * @param conversations {@link ConversationSettings}: how much conversation is remembered
 * @param index {@link IndexSettings}: the embedded Lucene index (default) or a SolrCloud collection
 * @param api {@link ApiSettings}: API keys, rate and size limits, CORS; without keys only a
 *     loopback {@code host} is accepted unless {@code api.allowPublic()}
 * @param watch {@link WatchSettings}: whether {@code serve} follows changes of the corpus folder
 * @param file {@link ConfigFile}: what {@code askdocs.yml} declares (collections, API keys as
 *     identities, sign-in); {@link ConfigFile#empty()} without one
 * @param metrics {@link MetricsSettings}: where {@code /metrics} is served and who may read it
 * @param logs {@link LogSettings}: plain text or JSON lines, and askdocs' log level
 */
public record Config(
    String host,
    int port,
    Path corpusDir,
    Path indexDir,
    int topK,
    double abstainThreshold,
    EmbeddingModelName embeddingModel,
    int maxQuestionChars,
    String fusion,
    int fusionCandidates,
    SlackSettings slack,
    LlmSettings llm,
    ConversationSettings conversations,
    IndexSettings index,
    ApiSettings api,
    WatchSettings watch,
    ConfigFile file,
    MetricsSettings metrics,
    LogSettings logs) {

  public static final int MAX_TOP_K = 50;

  /**
   * Default abstention threshold, chosen from the precision/recall curve on SQuAD's development
   * articles (see docs/EVALUATION.md) and checked against the seed question sets in the tests.
   */
  public static final double DEFAULT_ABSTAIN_THRESHOLD = 0.45;

  /** Default depth of each list before fusion; see docs/EVALUATION.md for how it was chosen. */
  public static final int DEFAULT_FUSION_CANDIDATES = 50;

  /** Default fusion; see docs/EVALUATION.md for how it was chosen. */
  public static final String DEFAULT_FUSION = "convex:0.3";

  public static final Setting PORT =
      Setting.of("ASKDOCS_PORT", 7070, "HTTP port (0 picks a free one)", Config::port);
  public static final Setting HOST =
      Setting.of(
          "ASKDOCS_HOST",
          "127.0.0.1",
          "Interface to bind; `0.0.0.0` to serve other machines (needs API keys, or"
              + " `ASKDOCS_ALLOW_PUBLIC=true`)",
          Config::host);
  public static final Setting CORPUS_DIR =
      Setting.of(
          "ASKDOCS_CORPUS_DIR",
          "corpus",
          "Folder of documents (`.txt`, `.md`, `.html`/`.htm`, `.pdf`; sub-folders too; dot-files"
              + " ignored)",
          Config::corpusDir);
  public static final Setting INDEX_DIR =
      Setting.of(
          "ASKDOCS_INDEX_DIR", "data/index", "Where the Lucene index lives", Config::indexDir);
  public static final Setting TOP_K =
      Setting.of(
          "ASKDOCS_TOP_K", 5, "Passages read per question (1-" + MAX_TOP_K + ")", Config::topK);
  public static final Setting ABSTAIN_THRESHOLD =
      Setting.of(
          "ASKDOCS_ABSTAIN_THRESHOLD",
          DEFAULT_ABSTAIN_THRESHOLD,
          "Answer confidence (0-1) below which askdocs says the documents don't answer",
          Config::abstainThreshold);
  public static final Setting EMBEDDING_MODEL =
      Setting.of(
          "ASKDOCS_EMBEDDING_MODEL",
          EmbeddingModelName.ALL_MINILM_L6_V2_Q.id(),
          "`all-minilm-l6-v2` or the quantized `all-minilm-l6-v2-q`",
          c -> c.embeddingModel().id());
  public static final Setting MAX_QUESTION_CHARS =
      Setting.of(
          "ASKDOCS_MAX_QUESTION_CHARS",
          2000,
          "Longest question accepted",
          Config::maxQuestionChars);
  public static final Setting FUSION =
      Setting.of(
          "ASKDOCS_FUSION",
          DEFAULT_FUSION,
          "How keyword and vector results are fused: `convex:<BM25 weight 0-1>` or `rrf:<k>`"
              + " (Reciprocal Rank Fusion)",
          Config::fusion);
  public static final Setting FUSION_CANDIDATES =
      Setting.of(
          "ASKDOCS_FUSION_CANDIDATES",
          DEFAULT_FUSION_CANDIDATES,
          "How many hits each of the keyword and vector searches hands to the fusion (1-1000);"
              + " fewer is faster, see docs/EVALUATION.md",
          Config::fusionCandidates);

  public Config {
    if (port < 0 || port > 65535) {
      throw new ConfigException(PORT.name(), "must be between 0 and 65535, was " + port);
    }
    if (topK < 1 || topK > MAX_TOP_K) {
      throw new ConfigException(TOP_K.name(), "must be between 1 and " + MAX_TOP_K);
    }
    if (!(abstainThreshold >= 0 && abstainThreshold <= 1)) {
      throw new ConfigException(ABSTAIN_THRESHOLD.name(), "must be between 0 and 1");
    }
    try {
      FusionChoice.parse(fusion);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(FUSION.name(), e.getMessage() + ", was '" + fusion + "'");
    }
    if (fusionCandidates < 1 || fusionCandidates > 1000) {
      throw new ConfigException(
          FUSION_CANDIDATES.name(), "must be between 1 and 1000, was " + fusionCandidates);
    }
    if (host == null || host.isBlank()) {
      throw new ConfigException(HOST.name(), "must not be blank");
    }
    file = file == null ? ConfigFile.empty() : file;
    boolean callersProve = api.keysRequired() || !file.apiKeys().isEmpty() || file.oidc() != null;
    if (!callersProve && !api.allowPublic() && !isLoopback(host)) {
      throw new ConfigException(
          HOST.name(),
          "is "
              + host
              + " but no API keys are set, so anyone who can reach it could use and change the"
              + " index: set ASKDOCS_API_KEYS (or ASKDOCS_API_KEYS_FILE), or set"
              + " ASKDOCS_ALLOW_PUBLIC=true to serve other machines without keys");
    }
  }

  /** The zero-configuration settings. */
  public static Config defaults() {
    return fromEnv(Map.of());
  }

  /** A builder that starts from the defaults (the way tests make a config). */
  public static ConfigBuilder builder() {
    return new ConfigBuilder(Map.of(), ConfigFile.empty());
  }

  /** A builder that starts from these settings, to change some and validate the whole again. */
  public ConfigBuilder toBuilder() {
    Map<String, String> env = new java.util.HashMap<>();
    for (Setting s : Settings.all()) {
      if (s.current() != null) {
        env.put(s.name(), s.current().apply(this));
      }
    }
    return new ConfigBuilder(env, file);
  }

  /**
   * Reads {@code ASKDOCS_*} variables from {@code env}; unset or blank ones keep their defaults.
   *
   * @throws ConfigException naming the first variable whose value is unusable
   */
  public static Config fromEnv(Map<String, String> env) {
    return fromEnv(env, ConfigFile.empty());
  }

  /**
   * Reads {@code ASKDOCS_*} variables from {@code env} beside what {@code askdocs.yml} declares.
   *
   * @throws ConfigException naming the first variable whose value is unusable
   */
  public static Config fromEnv(Map<String, String> env, ConfigFile file) {
    EnvReader r = new EnvReader(env);
    return new Config(
        r.string(HOST),
        r.integer(PORT),
        r.path(CORPUS_DIR),
        r.path(INDEX_DIR),
        r.integer(TOP_K),
        r.decimal(ABSTAIN_THRESHOLD),
        r.value(EMBEDDING_MODEL, EmbeddingModelName::fromId),
        r.integer(MAX_QUESTION_CHARS),
        r.string(FUSION),
        r.integer(FUSION_CANDIDATES),
        SlackSettings.fromEnv(r),
        LlmSettings.fromEnv(r),
        ConversationSettings.fromEnv(r),
        IndexSettings.fromEnv(r),
        ApiSettings.fromEnv(r),
        WatchSettings.fromEnv(r),
        file,
        MetricsSettings.fromEnv(r),
        LogSettings.fromEnv(r));
  }

  /** A name or address that only this machine can reach. */
  static boolean isLoopback(String host) {
    String h = host.strip().toLowerCase(java.util.Locale.ROOT);
    return h.equals("localhost")
        || h.equals("::1")
        || h.equals("[::1]")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /** The collections to serve: those of {@link #file()}, else {@code default} over the corpus. */
  public java.util.List<CollectionSettings> collections() {
    return file.collectionsOr(corpusDir);
  }
}
