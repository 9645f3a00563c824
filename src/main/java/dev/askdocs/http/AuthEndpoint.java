package dev.askdocs.http;

import dev.askdocs.BadInputException;
import dev.askdocs.access.Identity;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Sign-in and who is asking: {@code GET /auth/login} (to the identity provider, remembering where
 * to return), {@code GET /auth/callback} (back from it: a new session and its cookie), {@code POST
 * /auth/logout} (CSRF-protected; also ends the provider's session when it offers that) and {@code
 * GET /api/v1/me}.
 */
final class AuthEndpoint {
  static final String COOKIE = "askdocs_session";

  /** Holds a sign-in's state in the browser that started it, so no one else can finish it. */
  static final String LOGIN_COOKIE = "askdocs_login";

  private static final Pattern SAFE_PATH = Pattern.compile("/(?![/\\\\])[^\\s\\\\]{0,2047}");

  private final OidcLogin login;
  private final Sessions sessions;
  private final URI publicUrl;

  /**
   * @param login null when sign-in is not configured (then only {@code /api/v1/me} is served)
   * @param sessions null with {@code login}
   * @param publicUrl askdocs' address as people reach it; null: each request's own
   */
  AuthEndpoint(OidcLogin login, Sessions sessions, URI publicUrl) {
    this.login = login;
    this.sessions = sessions;
    this.publicUrl = publicUrl;
  }

  boolean signInConfigured() {
    return login != null;
  }

  /** {@code GET /api/v1/me}: the caller, as {@link ApiGuard} found it. */
  void me(Context ctx) {
    Identity caller = Callers.of(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", caller.name());
    body.put("groups", new TreeSet<>(caller.groups()));
    body.put("kind", caller.kind().name());
    body.put("collections", new TreeSet<>(caller.collections()));
    body.put("signIn", login != null);
    if (caller.kind() == Identity.Kind.PERSON && ctx.header("Authorization") == null) {
      Sessions.Session s = sessions.find(ctx.cookie(COOKIE));
      if (s != null) {
        body.put("csrfToken", s.csrfToken());
      }
    }
    ctx.header("Cache-Control", "no-store");
    ctx.json(body);
  }

  /** {@code GET /auth/login?returnTo=/path}: to the provider, or straight back when signed in. */
  void login(Context ctx) {
    String returnTo = safeReturnTo(ctx.queryParam("returnTo"));
    if (sessions.find(ctx.cookie(COOKIE)) != null) {
      ctx.redirect(returnTo);
      return;
    }
    OidcLogin.Started started = login.start(URI.create(base(ctx) + "/auth/callback"), returnTo);
    ctx.res()
        .addHeader(
            "Set-Cookie",
            cookie(
                LOGIN_COOKIE, started.state(), "/auth/", OidcLogin.LOGIN_TIMEOUT.toSeconds(), ctx));
    ctx.header("Cache-Control", "no-store");
    ctx.redirect(started.location().toString());
  }

  /**
   * {@code GET /auth/callback?code=...&state=...}: a new session, then where the person was going.
   */
  void callback(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.res().addHeader("Set-Cookie", cookie(LOGIN_COOKIE, "", "/auth/", 0, ctx));
    String error = ctx.queryParam("error");
    if (error != null) {
      throw new RefusedException(
          RefusedException.Kind.UNAUTHORIZED,
          "the identity provider refused the sign-in: " + error);
    }
    String state = ctx.queryParam("state");
    String started = ctx.cookie(LOGIN_COOKIE);
    if (state == null || started == null || !same(state, started)) {
      throw new RefusedException(
          RefusedException.Kind.UNAUTHORIZED,
          "this sign-in was not started in this browser; start again at /auth/login");
    }
    OidcLogin.SignedIn signedIn;
    try {
      signedIn = login.complete(state, ctx.queryParam("code"));
    } catch (OidcLogin.FailedException e) {
      throw new RefusedException(RefusedException.Kind.UNAUTHORIZED, e.getMessage());
    }
    sessions.remove(ctx.cookie(COOKIE)); // a new id at every sign-in
    Sessions.Session s = sessions.create(signedIn.identity(), signedIn.idToken());
    ctx.res()
        .addHeader("Set-Cookie", cookie(COOKIE, s.id(), "/", sessions.maxAge().toSeconds(), ctx));
    ctx.redirect(signedIn.returnTo());
  }

  /**
   * {@code POST /auth/logout} with the session's CSRF token: the session ends, and the answer says
   * where to go next ({@code location}: the provider's sign-out, or the page).
   */
  void logout(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    String id = ctx.cookie(COOKIE);
    Sessions.Session s = sessions.find(id);
    Map<String, String> body = new LinkedHashMap<>();
    if (s != null) {
      if (!Sessions.csrfMatches(s, ctx.header(ApiGuard.CSRF_HEADER))) {
        throw new RefusedException(
            RefusedException.Kind.FORBIDDEN,
            "signing out needs the header " + ApiGuard.CSRF_HEADER + " with the session's token");
      }
      sessions.remove(id);
      URI provider = login.logoutLocation(s.idToken(), URI.create(base(ctx) + "/"));
      body.put("location", provider == null ? "/" : provider.toString());
    } else {
      body.put("location", "/");
    }
    ctx.res().addHeader("Set-Cookie", cookie(COOKIE, "", "/", 0, ctx));
    ctx.json(body);
  }

  /**
   * Where to go after signing in: a path on this server only (no scheme, no host, not {@code //}),
   * so the sign-in cannot be used to send people elsewhere.
   */
  static String safeReturnTo(String raw) {
    if (raw == null || raw.isBlank()) {
      return "/";
    }
    if (SAFE_PATH.matcher(raw).matches()) {
      try {
        URI u = new URI(raw);
        if (u.getScheme() == null && u.getRawAuthority() == null) {
          return raw;
        }
      } catch (URISyntaxException e) {
        // Not a URI at all: refused below like any other address that is not a local path.
      }
    }
    throw new BadInputException(
        "bad_value", "returnTo", "'returnTo' must be a path on this server, such as /?doc=...");
  }

  /** askdocs' address without a trailing slash. */
  private String base(Context ctx) {
    String b = publicUrl != null ? publicUrl.toString() : ctx.scheme() + "://" + ctx.host();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  private String cookie(String name, String value, String path, long maxAge, Context ctx) {
    boolean secure =
        publicUrl != null ? "https".equals(publicUrl.getScheme()) : "https".equals(ctx.scheme());
    return cookie(name, value, path, maxAge, secure);
  }

  /** A {@code Set-Cookie} value: never readable by scripts, not sent on cross-site sub-requests. */
  static String cookie(String name, String value, String path, long maxAge, boolean secure) {
    return name
        + "="
        + value
        + "; Path="
        + path
        + "; Max-Age="
        + maxAge
        + "; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : "");
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
