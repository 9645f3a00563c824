package dev.askdocs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VersionTest {
  /** The project's own {@code <version>}, the one right after {@code <artifactId>askdocs}. */
  static String pomVersion() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher m =
        Pattern.compile("<artifactId>askdocs</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(m.find()).as("pom.xml names askdocs' version").isTrue();
    return m.group(1);
  }

  @Test
  void is_the_version_the_pom_declares() throws Exception {
    assertThat(Version.current()).isEqualTo(pomVersion());
  }

  @Test
  void refuses_a_file_no_build_filled_in() {
    var unfiltered =
        new ByteArrayInputStream("version=${project.version}\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Version.read(unfiltered))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not filtered");
    assertThatThrownBy(() -> Version.read(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not on the classpath");
  }
}
