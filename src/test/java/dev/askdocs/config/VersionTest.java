package dev.askdocs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
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

  private static String git(String... args) throws Exception {
    Process git = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return git.waitFor() == 0 ? out : null;
  }

  @Test
  void carries_the_commit_git_describes_for_the_checkout() throws Exception {
    String head = git("git", "describe", "--always", "--abbrev=7");
    assumeTrue(head != null && !head.isEmpty(), "built outside a git repository");
    if (Files.isDirectory(Path.of(".git"))) {
      // The build's describe, "-dirty" appended when the tree had changes it built.
      assertThat(Version.commit()).matches(Pattern.quote(head) + "(-dirty)?");
    } else {
      // A linked worktree: the plugin describes the main checkout, still a commit of this
      // repository.
      String id = Version.commit().replaceFirst("-dirty$", "").replaceFirst(".*-g", "");
      assertThat(git("git", "cat-file", "-e", id + "^{commit}")).as(Version.commit()).isNotNull();
    }
  }

  @Test
  void commit_is_unknown_when_the_build_had_no_repository() {
    var unfilled = new Properties();
    unfilled.setProperty("commit", "${git.commit.id.describe}");
    assertThat(Version.commit(unfilled)).isEqualTo(Version.UNKNOWN_COMMIT);
    assertThat(Version.commit(new Properties())).isEqualTo("unknown");
    var filled = new Properties();
    filled.setProperty("commit", "f564e20-dirty");
    assertThat(Version.commit(filled)).isEqualTo("f564e20-dirty");
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
