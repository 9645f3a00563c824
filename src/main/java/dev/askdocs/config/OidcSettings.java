package dev.askdocs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Sign-in with OpenID Connect (authorization code flow with PKCE) against the company's identity
 * provider.
 *
 * @param issuer the provider's issuer URL; its {@code /.well-known/openid-configuration} is read
 * @param clientId askdocs' client id at the provider
 * @param clientSecret its secret (null for a public client)
 * @param groupsClaim the ID-token or user-info claim that lists the person's groups
 * @param publicUrl the URL people reach askdocs at, for the redirect URI ({@code
 *     <publicUrl>/auth/callback}); null: the request's own scheme, host and port
 * @param scopes scopes asked for besides {@code openid}
 * @param sessionHours a sign-in lasts at most this long (default 8)
 * @param idleMinutes a session unused this long ends (default 60)
 */
public record OidcSettings(
    @JsonProperty("issuer") URI issuer,
    @JsonProperty("clientId") String clientId,
    @JsonProperty("clientSecret") String clientSecret,
    @JsonProperty("groupsClaim") String groupsClaim,
    @JsonProperty("publicUrl") URI publicUrl,
    @JsonProperty("scopes") List<String> scopes,
    @JsonProperty("sessionHours") Integer sessionHours,
    @JsonProperty("idleMinutes") Integer idleMinutes) {

  public static final int DEFAULT_SESSION_HOURS = 8;
  public static final int DEFAULT_IDLE_MINUTES = 60;

  public static final Setting ISSUER =
      Setting.of(
          "ASKDOCS_OIDC_ISSUER",
          null,
          "Sign-in with OpenID Connect: the provider's issuer URL (when `askdocs.yml` has no"
              + " `oidc:`); needs `ASKDOCS_OIDC_CLIENT_ID`",
          null);
  public static final Setting CLIENT_ID =
      Setting.of("ASKDOCS_OIDC_CLIENT_ID", null, "askdocs' client id at the provider", null);
  public static final Setting CLIENT_SECRET =
      Setting.of(
          "ASKDOCS_OIDC_CLIENT_SECRET",
          null,
          "Its client secret; unset: a public client (PKCE either way)",
          null);
  public static final Setting GROUPS_CLAIM =
      Setting.of(
          "ASKDOCS_OIDC_GROUPS_CLAIM",
          "groups",
          "The ID-token or user-info claim that lists the person's groups",
          null);
  public static final Setting SESSION_HOURS =
      Setting.of(
          "ASKDOCS_SESSION_HOURS",
          DEFAULT_SESSION_HOURS,
          "A sign-in lasts at most this long (1-720)",
          null);
  public static final Setting SESSION_IDLE_MINUTES =
      Setting.of(
          "ASKDOCS_SESSION_IDLE_MINUTES",
          DEFAULT_IDLE_MINUTES,
          "A session unused this long ends",
          null);
  static final List<Setting> ALL =
      List.of(ISSUER, CLIENT_ID, CLIENT_SECRET, GROUPS_CLAIM, SESSION_HOURS, SESSION_IDLE_MINUTES);

  public OidcSettings {
    if (issuer == null || clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("'oidc' needs 'issuer' and 'clientId'");
    }
    if (!"https".equals(issuer.getScheme()) && !"http".equals(issuer.getScheme())) {
      throw new IllegalArgumentException("'oidc.issuer' must be an http(s) URL");
    }
    if (publicUrl != null
        && !"https".equals(publicUrl.getScheme())
        && !"http".equals(publicUrl.getScheme())) {
      throw new IllegalArgumentException("'oidc.publicUrl' must be an http(s) URL");
    }
    groupsClaim =
        groupsClaim == null || groupsClaim.isBlank() ? GROUPS_CLAIM.defaultValue() : groupsClaim;
    scopes = scopes == null ? List.of("profile", "email") : List.copyOf(scopes);
    sessionHours = sessionHours == null ? DEFAULT_SESSION_HOURS : sessionHours;
    idleMinutes = idleMinutes == null ? DEFAULT_IDLE_MINUTES : idleMinutes;
    if (sessionHours < 1 || sessionHours > 24 * 30) {
      throw new IllegalArgumentException("'oidc.sessionHours' must be between 1 and 720");
    }
    if (idleMinutes < 1 || idleMinutes > sessionHours * 60) {
      throw new IllegalArgumentException(
          "'oidc.idleMinutes' must be between 1 and the session's length in minutes");
    }
  }

  /** The longest a sign-in lasts. */
  public Duration sessionMaxAge() {
    return Duration.ofHours(sessionHours);
  }

  /** How long an unused session lasts. */
  public Duration sessionIdle() {
    return Duration.ofMinutes(idleMinutes);
  }

  /**
   * The URL people reach askdocs at: {@link #publicUrl()}, else {@code fallback} ({@code
   * ASKDOCS_PUBLIC_URL}, as {@link SlackSettings#publicUrl()} holds it) when not empty; null when
   * neither is set (each request's own scheme, host and port then).
   */
  public URI publicUrlOr(String fallback) {
    if (publicUrl != null) {
      return publicUrl;
    }
    return fallback == null || fallback.isEmpty() ? null : URI.create(fallback);
  }

  /**
   * The simple case from the environment: {@code ASKDOCS_OIDC_ISSUER} and {@code
   * ASKDOCS_OIDC_CLIENT_ID} (both needed), {@code ASKDOCS_OIDC_CLIENT_SECRET}, {@code
   * ASKDOCS_OIDC_GROUPS_CLAIM}, {@code ASKDOCS_PUBLIC_URL}, {@code ASKDOCS_SESSION_HOURS}, {@code
   * ASKDOCS_SESSION_IDLE_MINUTES}; null when no issuer is set.
   */
  static OidcSettings fromEnv(EnvReader r) {
    URI issuer = r.value(ISSUER, URI::create);
    if (issuer == null) {
      return null;
    }
    String clientId = r.string(CLIENT_ID);
    if (clientId.isEmpty()) {
      throw new ConfigException(CLIENT_ID.name(), "must be set with " + ISSUER.name());
    }
    try {
      return new OidcSettings(
          issuer,
          clientId,
          r.value(CLIENT_SECRET, v -> v),
          r.string(GROUPS_CLAIM),
          r.value(SlackSettings.PUBLIC_URL, URI::create),
          null,
          r.integer(SESSION_HOURS),
          r.integer(SESSION_IDLE_MINUTES));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ISSUER.name(), e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "OidcSettings[issuer="
        + issuer
        + ", clientId="
        + clientId
        + ", clientSecret="
        + (clientSecret == null ? "none" : "set")
        + ", groupsClaim="
        + groupsClaim
        + ", publicUrl="
        + publicUrl
        + ", scopes="
        + scopes
        + ", sessionHours="
        + sessionHours
        + ", idleMinutes="
        + idleMinutes
        + "]";
  }
}
