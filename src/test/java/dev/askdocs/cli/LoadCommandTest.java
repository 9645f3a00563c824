package dev.askdocs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askdocs.BadInputException;
import dev.askdocs.bench.LoadRoute;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadCommandTest {
  @Test
  void reads_durations_as_people_write_them() {
    assertThat(LoadCommand.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(LoadCommand.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(LoadCommand.parseDuration(" 1H ")).isEqualTo(Duration.ofHours(1));
    assertThat(LoadCommand.parseDuration("PT90S")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void refuses_a_duration_it_cannot_read_naming_the_option() {
    for (String bad : new String[] {"", "m", "10", "ten minutes", "10d", "-", "0s", "-5m"}) {
      assertThatThrownBy(() -> LoadCommand.parseDuration(bad))
          .as(bad)
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("--duration");
    }
  }

  @Test
  void reads_the_routes_in_order_and_refuses_an_unknown_one_listing_the_known() {
    assertThat(LoadRoute.parse("ask, chat-stream,COMPLETIONS,ask"))
        .containsExactly(LoadRoute.ASK, LoadRoute.CHAT_STREAM, LoadRoute.COMPLETIONS);
    assertThatThrownBy(() -> LoadRoute.parse("ask,slack"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("--routes")
        .hasMessageContaining("completions-stream")
        .hasMessageContaining("'slack'");
  }
}
