package dev.askdocs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
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
 */
public record OidcSettings(
    @JsonProperty("issuer") URI issuer,
    @JsonProperty("clientId") String clientId,
    @JsonProperty("clientSecret") String clientSecret,
    @JsonProperty("groupsClaim") String groupsClaim,
    @JsonProperty("publicUrl") URI publicUrl,
    @JsonProperty("scopes") List<String> scopes) {
  public OidcSettings {
    if (issuer == null || clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("'oidc' needs 'issuer' and 'clientId'");
    }
    groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
    scopes = scopes == null ? List.of("profile", "email") : List.copyOf(scopes);
  }
}
