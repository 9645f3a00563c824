package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
  @Test
  void only_loopback_addresses_count_as_this_machine() {
    assertThat(MetricsEndpoint.loopback("127.0.0.1")).isTrue();
    assertThat(MetricsEndpoint.loopback("127.3.2.1")).isTrue();
    assertThat(MetricsEndpoint.loopback("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(MetricsEndpoint.loopback("10.0.0.5")).isFalse();
    assertThat(MetricsEndpoint.loopback("192.168.1.20")).isFalse();
    assertThat(MetricsEndpoint.loopback(null)).isFalse();
  }
}
