package dev.askdocs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md's settings table is what {@link Settings#markdown()} generates, and the
 * documents name no variable that is not read. Regenerate the table with {@code mvn -q test
 * -Dtest=ConfigurationDocTest -Dregenerate=true}.
 */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("docs", "CONFIGURATION.md");
  private static final String BEGIN = "<!-- settings: generated from config.Settings -->\n";
  private static final String END = "<!-- end of settings -->\n";

  /** Read by the launcher script, not by Java; a shell variable of an example. */
  private static final Set<String> NOT_SETTINGS =
      Set.of("ASKDOCS_JAVA_OPTS", "ASKDOCS_CDS_DIR", "ASKDOCS_KEY");

  @Test
  void configuration_md_holds_the_table_the_settings_generate() throws IOException {
    String doc = Files.readString(DOC);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("%s has the markers %s and %s", DOC, BEGIN, END).isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String generated =
        doc.substring(0, begin + BEGIN.length()) + Settings.markdown() + doc.substring(end);
    if (Boolean.getBoolean("regenerate")) {
      Files.writeString(DOC, generated);
    }
    assertThat(doc)
        .as(
            "docs/CONFIGURATION.md differs from the settings' definitions; regenerate it with"
                + " mvn -q test -Dtest=ConfigurationDocTest -Dregenerate=true")
        .isEqualTo(generated);
  }

  @Test
  void every_variable_the_documents_name_is_a_setting() throws IOException {
    Set<String> defined =
        Settings.all().stream().map(Setting::name).collect(Collectors.toCollection(TreeSet::new));
    Set<String> named = new TreeSet<>();
    Pattern variable = Pattern.compile("(?<![.\\w])(ASKDOCS|SLACK)_[A-Z_]*[A-Z]\\b");
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      for (Path p : Stream.concat(Stream.of(Path.of("README.md")), docs).toList()) {
        if (p.toString().endsWith(".md")) {
          Matcher m = variable.matcher(Files.readString(p));
          while (m.find()) {
            named.add(m.group());
          }
        }
      }
    }
    named.removeAll(NOT_SETTINGS);
    assertThat(defined).containsAll(named);
  }

  @Test
  void each_setting_is_defined_once() {
    assertThat(Settings.all().stream().map(Setting::name).distinct().count())
        .isEqualTo(Settings.all().size());
  }

  @Test
  void main_code_names_variables_only_through_their_settings() throws IOException {
    Pattern literal = Pattern.compile("\"(ASKDOCS|SLACK)_[A-Z_]+\"");
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(p);
        Matcher m = literal.matcher(text);
        while (m.find()) {
          assertThat(Pattern.compile("Setting\\.of\\(\\s*" + m.group()).matcher(text).find())
              .as("%s spells %s; use its Setting", p, m.group())
              .isTrue();
        }
      }
    }
  }
}
