package dev.askdocs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What {@code askdocs.yml} declares: the collections with their sources and readers, the API keys
 * as identities, sign-in, and which chat channel asks which collection. Without a file askdocs runs
 * as before: one collection, {@code default}, over the corpus folder.
 *
 * @param collections the knowledge bases; empty: {@code default} over the corpus folder
 * @param apiKeys API keys with names and groups, beside {@code ASKDOCS_API_KEYS}
 * @param oidc sign-in with OpenID Connect, or null
 * @param slack which Slack channel asks which collection
 * @param mattermost which Mattermost token asks which collection
 */
public record ConfigFile(
    @JsonProperty("collections") List<CollectionSettings> collections,
    @JsonProperty("apiKeys") List<KeySettings> apiKeys,
    @JsonProperty("oidc") OidcSettings oidc,
    @JsonProperty("slack") SlackChannels slack,
    @JsonProperty("mattermost") List<MattermostToken> mattermost) {

  /** The environment variable naming the file. */
  public static final Setting CONFIG =
      Setting.of(
          "ASKDOCS_CONFIG",
          null,
          "The file that declares collections, API keys with names and groups, and sign-in"
              + " ([Sign-in and API keys](ACCESS.md#sign-in-and-api-keys)); unset: `./askdocs.yml`"
              + " if present",
          null);

  /** The name of {@link #CONFIG}. */
  public static final String VARIABLE = CONFIG.name();

  /** The file read when {@link #VARIABLE} is not set, if it exists in the working directory. */
  public static final Path DEFAULT_PATH = Path.of("askdocs.yml");

  public ConfigFile {
    collections = collections == null ? List.of() : List.copyOf(collections);
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    slack = slack == null ? new SlackChannels(Map.of(), null) : slack;
    mattermost = mattermost == null ? List.of() : List.copyOf(mattermost);
    Set<String> names = new HashSet<>();
    for (CollectionSettings c : collections) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("collection '" + c.name() + "' is declared twice");
      }
    }
    Set<String> keyNames = new HashSet<>();
    for (KeySettings k : apiKeys) {
      if (!keyNames.add(k.name())) {
        throw new IllegalArgumentException("API key '" + k.name() + "' is declared twice");
      }
      requireKnown(names, k.collections(), "API key '" + k.name() + "'");
    }
    if (!collections.isEmpty()) {
      requireKnown(names, slack.channels().values(), "slack.channels");
      if (slack.directMessages() != null) {
        requireKnown(names, List.of(slack.directMessages()), "slack.directMessages");
      }
      requireKnown(
          names, mattermost.stream().map(MattermostToken::collection).toList(), "mattermost");
    }
  }

  /** No file: every default. */
  public static ConfigFile empty() {
    return new ConfigFile(List.of(), List.of(), null, null, null);
  }

  /** The collections, or {@code default} over {@code corpusDir} when the file declares none. */
  public List<CollectionSettings> collectionsOr(Path corpusDir) {
    return collections.isEmpty() ? List.of(CollectionSettings.defaultOver(corpusDir)) : collections;
  }

  /**
   * Reads the file {@code ASKDOCS_CONFIG} names, else {@code askdocs.yml} in the working directory
   * if there is one, else {@link #empty()}. Without {@code oidc} in the file, sign-in comes from
   * {@code ASKDOCS_OIDC_ISSUER} and its companions when set ({@link OidcSettings}); {@code
   * ASKDOCS_PUBLIC_URL} stands in for a missing {@code oidc.publicUrl} ({@link
   * OidcSettings#publicUrlOr}).
   *
   * @throws ConfigException naming the file and the field that is wrong
   */
  public static ConfigFile fromEnv(Map<String, String> env) {
    Supplier<OidcSettings> oidcFromEnv = () -> OidcSettings.fromEnv(new EnvReader(env));
    String named = env.get(VARIABLE);
    if (named != null && !named.isBlank()) {
      Path p = Path.of(named.strip());
      if (!Files.isRegularFile(p)) {
        throw new ConfigException(VARIABLE, "names " + p + ", which is not a readable file");
      }
      return read(p, oidcFromEnv);
    }
    return Files.isRegularFile(DEFAULT_PATH)
        ? read(DEFAULT_PATH, oidcFromEnv)
        : new ConfigFile(List.of(), List.of(), oidcFromEnv.get(), null, null);
  }

  /** Reads one file; relative folders in it are resolved against the file's folder. */
  public static ConfigFile read(Path file) {
    return read(file, () -> null);
  }

  /** As {@link #read(Path)}, with sign-in from {@code oidcIfNone} when the file has none. */
  private static ConfigFile read(Path file, Supplier<OidcSettings> oidcIfNone) {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    try {
      ConfigFile f = yaml.readValue(file.toFile(), ConfigFile.class);
      return f == null
          ? new ConfigFile(List.of(), List.of(), oidcIfNone.get(), null, null)
          : f.resolvedAgainst(file.toAbsolutePath().getParent(), oidcIfNone);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ConfigException(
          VARIABLE, "file " + file + ": " + cause.getMessage() + " (at " + where(e) + ")");
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          VARIABLE, "file " + file + ": " + e.getOriginalMessage() + " (at " + where(e) + ")");
    } catch (IOException e) {
      throw new ConfigException(VARIABLE, "file " + file + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * The file as read, with its relative folders resolved against {@code dir} and sign-in from
   * {@code oidcIfNone} when it declares none.
   */
  private ConfigFile resolvedAgainst(Path dir, Supplier<OidcSettings> oidcIfNone) {
    List<CollectionSettings> resolved =
        collections.stream()
            .map(
                c ->
                    new CollectionSettings(
                        c.name(),
                        c.folders().stream().map(dir::resolve).toList(),
                        c.sites(),
                        c.readers(),
                        c.editors(),
                        c.admins()))
            .toList();
    List<KeySettings> keys =
        apiKeys.stream()
            .map(
                k ->
                    k.keyFile() == null
                        ? k
                        : new KeySettings(
                            k.name(), null, dir.resolve(k.keyFile()), k.groups(), k.collections()))
            .toList();
    return new ConfigFile(
        resolved, keys, oidc == null ? oidcIfNone.get() : oidc, slack, mattermost);
  }

  private static String where(JsonProcessingException e) {
    StringBuilder path = new StringBuilder();
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
      for (var ref : m.getPath()) {
        if (ref.getFieldName() != null) {
          path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
    }
    var loc = e.getLocation();
    String line = loc == null ? "" : "line " + loc.getLineNr();
    return path.length() == 0 ? line : path + (line.isEmpty() ? "" : ", " + line);
  }

  private static void requireKnown(
      Set<String> names, java.util.Collection<String> used, String by) {
    for (String u : used) {
      if (!names.contains(u)) {
        throw new IllegalArgumentException(
            by + " names collection '" + u + "', which is not declared");
      }
    }
  }

  /**
   * @param channels Slack channel id to collection
   * @param directMessages the collection direct messages to the bot ask, or null: they get a reply
   *     that no collection is set for them
   */
  public record SlackChannels(
      @JsonProperty("channels") Map<String, String> channels,
      @JsonProperty("directMessages") String directMessages) {
    public SlackChannels {
      channels = channels == null ? Map.of() : Map.copyOf(channels);
    }
  }

  /**
   * @param token a token Mattermost sends with its hook (or null with {@code tokenFile})
   * @param tokenFile a file holding it
   * @param collection the collection that token's questions ask
   */
  public record MattermostToken(
      @JsonProperty("token") String token,
      @JsonProperty("tokenFile") Path tokenFile,
      @JsonProperty("collection") String collection) {
    public MattermostToken {
      if ((token == null) == (tokenFile == null)) {
        throw new IllegalArgumentException(
            "a mattermost entry needs exactly one of 'token' and 'tokenFile'");
      }
      if (collection == null) {
        throw new IllegalArgumentException("a mattermost entry needs a 'collection'");
      }
    }
  }
}
