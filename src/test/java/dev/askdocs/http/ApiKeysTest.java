package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
