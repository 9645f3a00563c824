package dev.askdocs.llm;

import dev.askdocs.config.ConfigException;
import dev.askdocs.config.LlmSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prompt templates, loaded and checked once at start-up: the built-in ones from the classpath
 * folder {@code prompts/} (the repository's {@code prompts/}), each replaced by the file of the
 * same name in the override folder when there is one.
 *
 * <p>A template's placeholders are {@code {{question}}}, {@code {{passages}}} and {@code
 * {{history}}}; each file must hold the ones it needs and no others, or loading fails naming the
 * file.
 *
 * @param answerSystem {@value #ANSWER_SYSTEM}: the rules the model answers by; no placeholders
 * @param answerUser {@value #ANSWER_USER}: the question and the numbered passages
 * @param condenseQuestion {@value #CONDENSE_QUESTION}: rewrites a follow-up question, given the
 *     conversation, into one that stands alone
 */
public record Prompts(Template answerSystem, Template answerUser, Template condenseQuestion) {
  private static final Logger LOG = LoggerFactory.getLogger(Prompts.class);

  public static final String ANSWER_SYSTEM = "answer-system.md";
  public static final String ANSWER_USER = "answer-user.md";
  public static final String CONDENSE_QUESTION = "condense-question.md";

  static final Set<String> PLACEHOLDERS = Set.of("question", "passages", "history");
  private static final Map<String, List<String>> REQUIRED =
      Map.of(
          ANSWER_SYSTEM, List.of(),
          ANSWER_USER, List.of("question", "passages"),
          CONDENSE_QUESTION, List.of("history", "question"));
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");

  /**
   * The built-in templates, each replaced by its namesake in {@code overrideDir} if present.
   *
   * @throws ConfigException naming the file when a template lacks a placeholder it needs, uses an
   *     unknown one, or the folder or a file can't be read
   */
  public static Prompts load(Optional<Path> overrideDir) {
    overrideDir.ifPresent(Prompts::checkFolder);
    return new Prompts(
        read(ANSWER_SYSTEM, overrideDir),
        read(ANSWER_USER, overrideDir),
        read(CONDENSE_QUESTION, overrideDir));
  }

  private static void checkFolder(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ConfigException(LlmSettings.PROMPTS_DIR.name(), "is not a folder: " + dir);
    }
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".md") && !REQUIRED.containsKey(n) && !n.equals("README.md"))
          .forEach(
              n ->
                  LOG.warn(
                      "prompt file {} in {} is not one askdocs reads ({}, {}, {})",
                      n,
                      dir,
                      ANSWER_SYSTEM,
                      ANSWER_USER,
                      CONDENSE_QUESTION));
    } catch (IOException e) {
      throw new ConfigException(
          LlmSettings.PROMPTS_DIR.name(), "cannot be read: " + e.getMessage());
    }
  }

  private static Template read(String name, Optional<Path> overrideDir) {
    Optional<Path> file = overrideDir.map(d -> d.resolve(name)).filter(Files::isRegularFile);
    String where;
    String text;
    if (file.isPresent()) {
      where = file.get().toString();
      try {
        text = Files.readString(file.get(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException(LlmSettings.PROMPTS_DIR.name(), where + " cannot be read: " + e);
      }
      LOG.info("prompt {} from {}", name, where);
    } else {
      where = "built-in prompts/" + name;
      try (InputStream in = Prompts.class.getResourceAsStream("/prompts/" + name)) {
        if (in == null) {
          throw new IllegalStateException("the built-in prompt " + name + " is missing");
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Template.of(name, where, text.strip());
  }

  /**
   * One prompt template.
   *
   * @param name the file name, such as {@code answer-user.md}
   * @param text the template, with its {@code {{placeholders}}}
   */
  public record Template(String name, String text) {
    static Template of(String name, String where, String text) {
      Set<String> found = new LinkedHashSet<>();
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        found.add(m.group(1));
      }
      for (String p : found) {
        if (!REQUIRED.get(name).contains(p)) {
          throw new ConfigException(
              LlmSettings.PROMPTS_DIR.name(),
              where
                  + ": unknown placeholder {{"
                  + p
                  + "}}; this file may use "
                  + (REQUIRED.get(name).isEmpty() ? "none" : placeholders(REQUIRED.get(name))));
        }
      }
      for (String p : REQUIRED.get(name)) {
        if (!found.contains(p)) {
          throw new ConfigException(
              LlmSettings.PROMPTS_DIR.name(), where + ": missing placeholder {{" + p + "}}");
        }
      }
      return new Template(name, text);
    }

    /** The text with each placeholder replaced by its value, in one pass (values stay literal). */
    public String render(Map<String, String> values) {
      Matcher m = PLACEHOLDER.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String v = values.get(m.group(1));
        if (v == null) {
          throw new IllegalArgumentException(name + " needs a value for {{" + m.group(1) + "}}");
        }
        m.appendReplacement(out, Matcher.quoteReplacement(v));
      }
      m.appendTail(out);
      return out.toString();
    }

    private static String placeholders(List<String> names) {
      return String.join(", ", names.stream().map(n -> "{{" + n + "}}").toList());
    }
  }
}
