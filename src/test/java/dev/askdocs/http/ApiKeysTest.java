package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.access.Identity;
import dev.askdocs.config.KeySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  static final String A = "key-a-0123456789abcdef";
  static final String B = "key-b-0123456789abcdef";
  static final String C = "key-c-0123456789abcdef";

  @TempDir Path dir;

  @Test
  void tells_a_missing_a_wrong_and_an_accepted_key_apart() {
    ApiKeys keys = new ApiKeys(List.of(A), null);
    assertThat(keys.check(null)).isInstanceOf(ApiKeys.Missing.class);
    assertThat(keys.check("Basic abc")).isInstanceOf(ApiKeys.Missing.class);
    assertThat(keys.check("Bearer  ")).isInstanceOf(ApiKeys.Missing.class);
    assertThat(keys.check("Bearer " + B)).isInstanceOf(ApiKeys.Refused.class);
    assertThat(keys.check("Bearer " + A.substring(1))).isInstanceOf(ApiKeys.Refused.class);
    ApiKeys.Check ok = keys.check("bearer " + A);
    assertThat(ok).isInstanceOf(ApiKeys.Accepted.class);
    assertThat(((ApiKeys.Accepted) ok).fingerprint()).hasSize(8).doesNotContain(A);
  }

  @Test
  void a_key_removed_from_the_file_is_revoked_without_a_restart() throws Exception {
    Path file = Files.writeString(dir.resolve("keys"), "# team keys\n" + A + "\n" + B + " # bot\n");
    ApiKeys keys = new ApiKeys(List.of(C), file);
    assertThat(keys.count()).isEqualTo(3);
    assertThat(keys.check("Bearer " + B)).isInstanceOf(ApiKeys.Accepted.class);
    Files.writeString(file, A + "\n");
    assertThat(keys.check("Bearer " + B)).isInstanceOf(ApiKeys.Refused.class);
    assertThat(keys.check("Bearer " + A)).isInstanceOf(ApiKeys.Accepted.class);
    assertThat(keys.check("Bearer " + C)).isInstanceOf(ApiKeys.Accepted.class);
    assertThat(keys.check("Bearer # team keys")).isInstanceOf(ApiKeys.Refused.class);
  }

  @Test
  void an_unreadable_keys_file_stops_start_up_naming_the_variable() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new ApiKeys(List.of(), dir.resolve("missing")))
        .isInstanceOf(dev.askdocs.config.ConfigException.class)
        .hasMessageContaining("ASKDOCS_API_KEYS_FILE");
  }

  @Test
  void a_named_key_is_an_identity_and_deleting_its_file_revokes_it() throws Exception {
    Path file = Files.writeString(dir.resolve("bot.key"), B + "\n");
    ApiKeys keys =
        new ApiKeys(
            List.of(C),
            null,
            List.of(
                new KeySettings("ci-bot", null, file, List.of("robots"), List.of("handbook")),
                new KeySettings("portal", A, null, null, null)));
    Identity bot = ((ApiKeys.Accepted) keys.check("Bearer " + B)).identity();
    assertThat(bot)
        .isEqualTo(new Identity("ci-bot", Set.of("robots"), Identity.Kind.KEY, Set.of("handbook")));
    assertThat(((ApiKeys.Accepted) keys.check("Bearer " + A)).identity().name())
        .isEqualTo("portal");
    Identity legacy = ((ApiKeys.Accepted) keys.check("Bearer " + C)).identity();
    assertThat(legacy.kind()).isEqualTo(Identity.Kind.LEGACY_KEY);
    assertThat(legacy.name()).matches("key-[0-9a-f]{8}");
    assertThat(legacy.groups()).isEmpty();

    Files.delete(file);
    assertThat(keys.check("Bearer " + B)).isInstanceOf(ApiKeys.Refused.class);
    Files.writeString(file, "key-d-0123456789abcdef\n");
    assertThat(keys.check("Bearer " + B)).isInstanceOf(ApiKeys.Refused.class);
    assertThat(((ApiKeys.Accepted) keys.check("Bearer key-d-0123456789abcdef")).identity().name())
        .isEqualTo("ci-bot");
  }
}
