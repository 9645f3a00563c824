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
    groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
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

  /** The same settings with {@code publicUrl}. */
  public OidcSettings withPublicUrl(URI value) {
    return new OidcSettings(
        issuer, clientId, clientSecret, groupsClaim, value, scopes, sessionHours, idleMinutes);
  }

  /**
   * The simple case from the environment: {@code ASKDOCS_OIDC_ISSUER} and {@code
   * ASKDOCS_OIDC_CLIENT_ID} (both needed), {@code ASKDOCS_OIDC_CLIENT_SECRET}, {@code
   * ASKDOCS_OIDC_GROUPS_CLAIM}, {@code ASKDOCS_PUBLIC_URL}, {@code ASKDOCS_SESSION_HOURS}, {@code
   * ASKDOCS_SESSION_IDLE_MINUTES}; null when no issuer is set.
   */
  static OidcSettings fromEnv(EnvReader r) {
    URI issuer = r.value("ASKDOCS_OIDC_ISSUER", null, URI::create);
    if (issuer == null) {
      return null;
    }
    String clientId = r.string("ASKDOCS_OIDC_CLIENT_ID", null);
    if (clientId == null) {
      throw new ConfigException("ASKDOCS_OIDC_CLIENT_ID", "must be set with ASKDOCS_OIDC_ISSUER");
    }
    try {
      return new OidcSettings(
          issuer,
          clientId,
          r.string("ASKDOCS_OIDC_CLIENT_SECRET", null),
          r.string("ASKDOCS_OIDC_GROUPS_CLAIM", null),
          r.value("ASKDOCS_PUBLIC_URL", null, URI::create),
          null,
          r.integer("ASKDOCS_SESSION_HOURS", DEFAULT_SESSION_HOURS),
          r.integer("ASKDOCS_SESSION_IDLE_MINUTES", DEFAULT_IDLE_MINUTES));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("ASKDOCS_OIDC_ISSUER", e.getMessage());
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
