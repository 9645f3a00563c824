package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {
  @Test
  void keeps_a_sane_incoming_id() {
    assertThat(RequestIds.accepted("abc-123_x.y:z")).isEqualTo("abc-123_x.y:z");
    assertThat(RequestIds.accepted("a".repeat(64))).isEqualTo("a".repeat(64));
  }

  @Test
  void replaces_a_missing_long_or_unsafe_id_with_a_new_one() {
    for (String bad :
        new String[] {
          null, "", "a".repeat(65), "two words", "line\nbreak", "x\r\nSet-Cookie: a=b", "ü", "a/b"
        }) {
      String id = RequestIds.accepted(bad);
      assertThat(id).as(String.valueOf(bad)).isNotEqualTo(bad).matches("[0-9a-f-]{36}");
    }
    assertThat(RequestIds.accepted(null)).isNotEqualTo(RequestIds.accepted(null));
  }
}
