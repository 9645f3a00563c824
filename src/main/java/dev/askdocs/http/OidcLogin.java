package dev.askdocs.http;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.ClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.askdocs.access.Identity;
import dev.askdocs.config.OidcSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with OpenID Connect through Nimbus' OAuth 2.0 SDK: the authorization code flow with PKCE
 * (S256), a state and a nonce per sign-in. The provider's metadata is read on first use (and again
 * after a failure); the ID token is checked against the provider's keys (JWKS, fetched and cached
 * by Nimbus), issuer, audience, expiry and nonce. Groups come from the configured claim of the ID
 * token and of the user-info response. Thread-safe.
 */
final class OidcLogin {
  private static final Logger LOG = LoggerFactory.getLogger(OidcLogin.class);
  static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(10);
  static final int MAX_PENDING = 10_000;
  private static final int CONNECT_MS = 5_000;
  private static final int READ_MS = 10_000;

  private final OidcSettings settings;
  private final Clock clock;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private volatile Provider provider;

  OidcLogin(OidcSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** A sign-in under way, known by its state. */
  private record Pending(
      CodeVerifier verifier, Nonce nonce, String returnTo, URI redirectUri, Instant started) {}

  private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

  /**
   * Where to send the browser to sign in.
   *
   * @param state also set in the browser's login cookie, so a callback is accepted only in the
   *     browser that started it
   */
  record Started(URI location, String state) {}

  /** A finished sign-in: who, the ID token (for ending the provider's session), where to go. */
  record SignedIn(Identity identity, String idToken, String returnTo) {}

  /** A sign-in that failed: its reason is safe to show. */
  static final class FailedException extends RuntimeException {
    FailedException(String message) {
      super(message);
    }
  }

  Started start(URI redirectUri, String returnTo) {
    Provider p = provider();
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    Scope scope = new Scope("openid");
    settings.scopes().forEach(scope::add);
    AuthenticationRequest request =
        new AuthenticationRequest.Builder(
                new ResponseType("code"), scope, new ClientID(settings.clientId()), redirectUri)
            .endpointURI(p.metadata().getAuthorizationEndpointURI())
            .state(state)
            .nonce(nonce)
            .codeChallenge(verifier, CodeChallengeMethod.S256)
            .build();
    Instant now = clock.instant();
    if (pending.size() >= MAX_PENDING) {
      pending.values().removeIf(x -> x.started().plus(LOGIN_TIMEOUT).isBefore(now));
      if (pending.size() >= MAX_PENDING) {
        throw new FailedException("too many sign-ins under way; try again in a few minutes");
      }
    }
    pending.put(state.getValue(), new Pending(verifier, nonce, returnTo, redirectUri, now));
    return new Started(request.toURI(), state.getValue());
  }

  /** Finishes a sign-in from the provider's redirect back: the code for tokens, and checks. */
  SignedIn complete(String state, String code) {
    Pending p = state == null ? null : pending.remove(state);
    if (p == null || p.started().plus(LOGIN_TIMEOUT).isBefore(clock.instant())) {
      throw new FailedException("unknown or expired sign-in; start again");
    }
    if (code == null || code.isBlank()) {
      throw new FailedException("the identity provider sent no authorization code");
    }
    Provider provider = provider();
    try {
      OIDCTokenResponse tokens = exchange(provider, code, p);
      JWT idToken = tokens.getOIDCTokens().getIDToken();
      IDTokenClaimsSet claims = checkIdToken(idToken, p.nonce());
      Set<String> groups = new LinkedHashSet<>(groups(claims));
      ClaimsSet info = userInfo(provider, tokens.getOIDCTokens().getAccessToken(), claims);
      if (info != null) {
        groups.addAll(groups(info));
      }
      Identity who = new Identity(name(claims, info), groups, Identity.Kind.PERSON, Set.of());
      return new SignedIn(who, idToken.serialize(), p.returnTo());
    } catch (FailedException e) {
      throw e;
    } catch (Exception e) {
      LOG.info("sign-in refused: {}", e.toString());
      throw new FailedException("the sign-in could not be verified: " + e.getMessage());
    }
  }

  /**
   * Checks an ID token: signed by one of the provider's published keys, from its issuer, for this
   * client, not expired (a minute's clock skew allowed), with the sign-in's nonce.
   *
   * @throws Exception (Nimbus' {@code BadJOSEException} or {@code JOSEException}) when any fails
   */
  IDTokenClaimsSet checkIdToken(JWT idToken, Nonce nonce) throws Exception {
    return provider().validator().validate(idToken, nonce);
  }

  /** The provider's sign-out address for this session, or null when it advertises none. */
  URI logoutLocation(String idToken, URI afterLogout) {
    Provider p = provider;
    if (p == null || p.metadata().getEndSessionEndpointURI() == null) {
      return null;
    }
    try {
      JWT hint = idToken == null ? null : JWTParser.parse(idToken);
      return new LogoutRequest(p.metadata().getEndSessionEndpointURI(), hint, afterLogout, null)
          .toURI();
    } catch (java.text.ParseException e) {
      // A session's own ID token always parses; without it the provider asks the person instead.
      return new LogoutRequest(p.metadata().getEndSessionEndpointURI()).toURI();
    }
  }

  private OIDCTokenResponse exchange(Provider p, String code, Pending pending) throws Exception {
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(
            new AuthorizationCode(code), pending.redirectUri(), pending.verifier());
    URI endpoint = p.metadata().getTokenEndpointURI();
    ClientID client = new ClientID(settings.clientId());
    TokenRequest request =
        settings.clientSecret() == null
            ? new TokenRequest(endpoint, client, grant)
            : new TokenRequest(
                endpoint,
                new ClientSecretBasic(client, new Secret(settings.clientSecret())),
                grant);
    TokenResponse response = OIDCTokenResponseParser.parse(send(request.toHTTPRequest()));
    if (!response.indicatesSuccess()) {
      throw new FailedException(
          "the identity provider refused the code: "
              + response.toErrorResponse().getErrorObject().getCode());
    }
    return (OIDCTokenResponse) response.toSuccessResponse();
  }

  private ClaimsSet userInfo(Provider p, AccessToken token, IDTokenClaimsSet claims)
      throws Exception {
    URI endpoint = p.metadata().getUserInfoEndpointURI();
    if (endpoint == null || token == null) {
      return null;
    }
    UserInfoResponse r =
        UserInfoResponse.parse(send(new UserInfoRequest(endpoint, token).toHTTPRequest()));
    if (!r.indicatesSuccess()) {
      LOG.info("user-info refused: {}", r.toErrorResponse().getErrorObject().getCode());
      return null;
    }
    var info = r.toSuccessResponse().getUserInfo();
    if (info == null || !claims.getSubject().equals(info.getSubject())) {
      throw new FailedException("the user-info response is about someone else");
    }
    return info;
  }

  private static com.nimbusds.oauth2.sdk.http.HTTPResponse send(HTTPRequest r) throws Exception {
    r.setConnectTimeout(CONNECT_MS);
    r.setReadTimeout(READ_MS);
    return r.send();
  }

  private List<String> groups(ClaimsSet claims) {
    Object v = claims.getClaim(settings.groupsClaim());
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof Collection<?> c) {
      return c.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return List.of();
  }

  private static String name(IDTokenClaimsSet claims, ClaimsSet info) {
    for (String claim : List.of("email", "preferred_username")) {
      String v = claims.getStringClaim(claim);
      if ((v == null || v.isBlank()) && info != null) {
        v = info.getStringClaim(claim);
      }
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return claims.getSubject().getValue();
  }

  /** The provider's metadata and token checks, read once; a failure is retried on next use. */
  private Provider provider() {
    Provider p = provider;
    if (p != null) {
      return p;
    }
    synchronized (this) {
      if (provider == null) {
        provider = discover();
      }
      return provider;
    }
  }

  private Provider discover() {
    try {
      OIDCProviderMetadata meta =
          OIDCProviderMetadata.resolve(
              new Issuer(settings.issuer().toString()), CONNECT_MS, READ_MS);
      Set<JWSAlgorithm> algs = new LinkedHashSet<>();
      if (meta.getIDTokenJWSAlgs() != null) {
        // Only signatures by the provider's published keys: a client secret is no ID-token key
        // here.
        meta.getIDTokenJWSAlgs().stream()
            .filter(a -> !JWSAlgorithm.Family.HMAC_SHA.contains(a) && !a.getName().equals("none"))
            .forEach(algs::add);
      }
      if (algs.isEmpty()) {
        algs.add(JWSAlgorithm.RS256);
      }
      JWKSource<SecurityContext> keys =
          JWKSourceBuilder.create(
                  meta.getJWKSetURI().toURL(), new DefaultResourceRetriever(CONNECT_MS, READ_MS))
              .build();
      IDTokenValidator validator =
          new IDTokenValidator(
              meta.getIssuer(),
              new ClientID(settings.clientId()),
              new JWSVerificationKeySelector<>(algs, keys),
              null);
      validator.setMaxClockSkew(60);
      LOG.info("sign-in with OpenID Connect: provider {} read", meta.getIssuer());
      return new Provider(meta, validator);
    } catch (Exception e) {
      LOG.warn("cannot read the identity provider {}: {}", settings.issuer(), e.toString());
      throw new NotReadyException(
          "the identity provider " + settings.issuer() + " cannot be reached; try again soon");
    }
  }
}
