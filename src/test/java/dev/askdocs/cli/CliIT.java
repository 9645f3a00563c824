package dev.askdocs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.TestCorpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, through {@link Main#run}, with the real model and index. */
class CliIT {
  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  private Map<String, String> env() {
    return Map.of(
        "ASKDOCS_CORPUS_DIR", TestCorpus.withSeed(tmp.resolve("corpus")).toString(),
        "ASKDOCS_INDEX_DIR", tmp.resolve("index").toString());
  }

  @Test
  void ask_prints_the_answer_with_its_sources() {
    int code = Main.run(new String[] {"ask", "How many TTP fighters are in Afghanistan?"}, env());
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(printed).contains("8,000 to 12,000").contains("[1]").contains("Sources:");
    assertThat(printed).contains(TestCorpus.SEED);
  }

  @Test
  void ingest_reports_what_it_did() {
    Map<String, String> env = env();
    assertThat(Main.run(new String[] {"ingest"}, env)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 added");
    assertThat(Main.run(new String[] {"ingest"}, env)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("1 unchanged")
        .contains("0 chunks embedded");
  }

  @Test
  void blank_question_exits_with_2_and_a_message() {
    assertThat(Main.run(new String[] {"ask", "  "}, env())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("question");
  }

  @Test
  void bad_environment_stops_start_up_naming_the_variable() {
    assertThat(Main.run(new String[] {"ask", "hi"}, Map.of("ASKDOCS_TOP_K", "lots"))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("ASKDOCS_TOP_K");
  }

  @Test
  void eval_names_the_bad_flag_and_exits_with_2() {
    String dataset = tmp.resolve("no-dataset").toString();
    Map<String, String> env = env();
    assertThat(Main.run(new String[] {"eval", dataset, "--candidates", "0"}, env)).isEqualTo(2);
    assertThat(Main.run(new String[] {"eval", dataset, "--fusion", "magic"}, env)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--candidates must be between 1 and 1000")
        .contains("--fusion must be");
  }

  @Test
  void unknown_option_exits_with_2() {
    assertThat(Main.run(new String[] {"ask", "--frobnicate", "q"}, env())).isEqualTo(2);
  }

  @Test
  void help_is_available_everywhere() {
    Map<String, String> env = env();
    assertThat(Main.run(new String[] {"--help"}, env)).isZero();
    assertThat(Main.run(new String[] {"ask", "--help"}, env)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("serve")
        .contains("ingest")
        .contains("QUESTION");
  }
}
