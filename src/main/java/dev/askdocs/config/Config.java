package dev.askdocs.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Every setting askdocs reads, as plain values. Built once at start-up by {@link #fromEnv} (which
 * fails fast naming the bad variable) or by {@link #defaults()} plus the {@code with...} copies.
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

  private static final java.util.regex.Pattern FUSION =
      java.util.regex.Pattern.compile(
          "rrf(:[1-9][0-9]{0,3})?|convex(:(0(\\.[0-9]+)?|1(\\.0+)?|\\.[0-9]+))?");

  public Config {
    if (port < 0 || port > 65535) {
      throw new ConfigException("ASKDOCS_PORT", "must be between 0 and 65535, was " + port);
    }
    if (topK < 1 || topK > MAX_TOP_K) {
      throw new ConfigException("ASKDOCS_TOP_K", "must be between 1 and " + MAX_TOP_K);
    }
    if (!(abstainThreshold >= 0 && abstainThreshold <= 1)) {
      throw new ConfigException("ASKDOCS_ABSTAIN_THRESHOLD", "must be between 0 and 1");
    }
    if (fusion == null || !FUSION.matcher(fusion).matches()) {
      throw new ConfigException(
          "ASKDOCS_FUSION",
          "must be rrf, rrf:<k>, convex or convex:<alpha in [0,1]>, was '" + fusion + "'");
    }
    if (fusionCandidates < 1 || fusionCandidates > 1000) {
      throw new ConfigException(
          "ASKDOCS_FUSION_CANDIDATES", "must be between 1 and 1000, was " + fusionCandidates);
    }
    if (host == null || host.isBlank()) {
      throw new ConfigException("ASKDOCS_HOST", "must not be blank");
    }
    file = file == null ? ConfigFile.empty() : file;
    boolean callersProve = api.keysRequired() || !file.apiKeys().isEmpty() || file.oidc() != null;
    if (!callersProve && !api.allowPublic() && !isLoopback(host)) {
      throw new ConfigException(
          "ASKDOCS_HOST",
          "is "
              + host
              + " but no API keys are set, so anyone who can reach it could use and change the"
              + " index: set ASKDOCS_API_KEYS (or ASKDOCS_API_KEYS_FILE), or set"
              + " ASKDOCS_ALLOW_PUBLIC=true to serve other machines without keys");
    }
  }

  /** The zero-configuration settings. */
  public static Config defaults() {
    return new Config(
        "127.0.0.1",
        7070,
        Path.of("corpus"),
        Path.of("data", "index"),
        5,
        DEFAULT_ABSTAIN_THRESHOLD,
        EmbeddingModelName.ALL_MINILM_L6_V2,
        2000,
        DEFAULT_FUSION,
        DEFAULT_FUSION_CANDIDATES,
        SlackSettings.defaults(),
        LlmSettings.defaults(),
        ConversationSettings.defaults(),
        IndexSettings.defaults(),
        ApiSettings.defaults(),
        WatchSettings.defaults(),
        ConfigFile.empty(),
        MetricsSettings.defaults(),
        LogSettings.defaults());
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
    Config d = defaults();
    return new Config(
        r.string("ASKDOCS_HOST", d.host()),
        r.integer("ASKDOCS_PORT", d.port()),
        r.path("ASKDOCS_CORPUS_DIR", d.corpusDir()),
        r.path("ASKDOCS_INDEX_DIR", d.indexDir()),
        r.integer("ASKDOCS_TOP_K", d.topK()),
        r.decimal("ASKDOCS_ABSTAIN_THRESHOLD", d.abstainThreshold()),
        r.value("ASKDOCS_EMBEDDING_MODEL", d.embeddingModel(), EmbeddingModelName::fromId),
        r.integer("ASKDOCS_MAX_QUESTION_CHARS", d.maxQuestionChars()),
        r.string("ASKDOCS_FUSION", d.fusion()),
        r.integer("ASKDOCS_FUSION_CANDIDATES", d.fusionCandidates()),
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

  public Config withHost(String value) {
    return new Config(
        value,
        port,
        corpusDir,
        indexDir,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        slack,
        llm,
        conversations,
        index,
        api,
        watch,
        file,
        metrics,
        logs);
  }

  public Config withPort(int value) {
    return new Config(
        host,
        value,
        corpusDir,
        indexDir,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        slack,
        llm,
        conversations,
        index,
        api,
        watch,
        file,
        metrics,
        logs);
  }

  public Config withCorpusDir(Path value) {
    return new Config(
        host,
        port,
        value,
        indexDir,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        slack,
        llm,
        conversations,
        index,
        api,
        watch,
        file,
        metrics,
        logs);
  }

  public Config withIndexDir(Path value) {
    return new Config(
        host,
        port,
        corpusDir,
        value,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        slack,
        llm,
        conversations,
        index,
        api,
        watch,
        file,
        metrics,
        logs);
  }

  public Config withAbstainThreshold(double value) {
    return new Config(
        host,
        port,
        corpusDir,
        indexDir,
        topK,
        value,
        embeddingModel,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        slack,
        llm,
        conversations,
        index,
        api,
        watch,
        file,
        metrics,
        logs);
  }

  public Config withEmbeddingModel(EmbeddingModelName value) {
    return new Config(
        host,
        port,
        corpusDir,
        indexDir,
        topK,
        abstainThreshold,
        value,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        slack,
        llm,
        conversations,
        index,
        api,
        watch,
        file,
        metrics,
        logs);
  }

  public Config withFusionCandidates(int value) {
    return new Config(
        host,
        port,
        corpusDir,
        indexDir,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        fusion,
        value,
        slack,
        llm,
        conversations,
        index,
        api,
        watch,
        file,
        metrics,
        logs);
  }

  public Config withFusion(String value) {
    return new Config(
        host,
        port,
        corpusDir,
        indexDir,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        value,
        fusionCandidates,
        slack,
        llm,
        conversations,
        index,
        api,
        watch,
        file,
        metrics,
        logs);
  }

  public Config withSlack(SlackSettings value) {
    return new Config(
        host,
        port,
        corpusDir,
        indexDir,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        value,
        llm,
        conversations,
        index,
        api,
        watch,
        file,
        metrics,
        logs);
  }

  public Config withLlm(LlmSettings value) {
    return new Config(
        host,
        port,
        corpusDir,
        indexDir,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        slack,
        value,
        conversations,
        index,
        api,
        watch,
        file,
        metrics,
        logs);
  }

  public Config withConversations(ConversationSettings value) {
    return new Config(
        host,
        port,
        corpusDir,
        indexDir,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        slack,
        llm,
        value,
        index,
        api,
        watch,
        file,
        metrics,
        logs);
  }

  public Config withIndex(IndexSettings value) {
    return new Config(
        host,
        port,
        corpusDir,
        indexDir,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        slack,
        llm,
        conversations,
        value,
        api,
        watch,
        file,
        metrics,
        logs);
  }

  public Config withApi(ApiSettings value) {
    return new Config(
        host,
        port,
        corpusDir,
        indexDir,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        slack,
        llm,
        conversations,
        index,
        value,
        watch,
        file,
        metrics,
        logs);
  }

  public Config withWatch(WatchSettings value) {
    return new Config(
        host,
        port,
        corpusDir,
        indexDir,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        slack,
        llm,
        conversations,
        index,
        api,
        value,
        file,
        metrics,
        logs);
  }

  public Config withFile(ConfigFile value) {
    return new Config(
        host,
        port,
        corpusDir,
        indexDir,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        slack,
        llm,
        conversations,
        index,
        api,
        watch,
        value,
        metrics,
        logs);
  }

  public Config withMetrics(MetricsSettings value) {
    return new Config(
        host,
        port,
        corpusDir,
        indexDir,
        topK,
        abstainThreshold,
        embeddingModel,
        maxQuestionChars,
        fusion,
        fusionCandidates,
        slack,
        llm,
        conversations,
        index,
        api,
        watch,
        file,
        value,
        logs);
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
