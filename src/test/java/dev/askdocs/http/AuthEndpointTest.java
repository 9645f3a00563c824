package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askdocs.BadInputException;
import org.junit.jupiter.api.Test;

class AuthEndpointTest {
  @Test
  void returns_only_to_paths_on_this_server() {
    assertThat(AuthEndpoint.safeReturnTo(null)).isEqualTo("/");
    assertThat(AuthEndpoint.safeReturnTo("")).isEqualTo("/");
    assertThat(AuthEndpoint.safeReturnTo("/")).isEqualTo("/");
    assertThat(AuthEndpoint.safeReturnTo("/?doc=0123456789abcdef&start=3&end=9"))
        .isEqualTo("/?doc=0123456789abcdef&start=3&end=9");
    for (String evil :
        new String[] {
          "https://evil.example.com",
          "//evil.example.com/x",
          "/\\evil.example.com",
          "\\\\evil.example.com",
          "javascript:alert(1)",
          "evil.example.com",
          "/ok\nLocation: https://evil.example.com",
          "/" + "a".repeat(3000)
        }) {
      assertThatThrownBy(() -> AuthEndpoint.safeReturnTo(evil))
          .as(evil)
          .isInstanceOf(BadInputException.class);
    }
  }

  @Test
  void the_session_cookie_is_http_only_lax_and_secure_over_https() {
    assertThat(AuthEndpoint.cookie("askdocs_session", "v", "/", 28800, true))
        .isEqualTo("askdocs_session=v; Path=/; Max-Age=28800; HttpOnly; SameSite=Lax; Secure");
    assertThat(AuthEndpoint.cookie("askdocs_session", "v", "/", 28800, false))
        .isEqualTo("askdocs_session=v; Path=/; Max-Age=28800; HttpOnly; SameSite=Lax");
  }
}
