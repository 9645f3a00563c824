package dev.askdocs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stage order that docs/ARCHITECTURE.md shows (its {@code stages} block), enforced on the
 * compiled main classes: the document and the code cannot drift apart without this test failing.
 */
class ArchitectureTest {
  private static final String BASE = "dev.askdocs";
  private static final Path DOC = Path.of("docs/ARCHITECTURE.md");

  /** The root package holds two stages: its shared exceptions (first) and {@code App} (last). */
  private static final String EXCEPTIONS = "*Exception";

  private static final String APP = "App";

  private static JavaClasses classes;
  private static List<String> stages;

  @BeforeAll
  static void importClasses() throws IOException {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);
    stages = stagesFrom(Files.readString(DOC));
  }

  /** The first word of each line of the fenced {@code stages} block; {@code #} starts a comment. */
  static List<String> stagesFrom(String markdown) {
    Matcher block = Pattern.compile("(?s)```stages\\n(.*?)```").matcher(markdown);
    assertThat(block.find()).as("a ```stages block in " + DOC).isTrue();
    List<String> names = new ArrayList<>();
    for (String line : block.group(1).split("\n")) {
      String content = line.replaceFirst("#.*", "").strip();
      if (!content.isEmpty()) {
        names.add(content.split("\\s+")[0]);
      }
    }
    return names;
  }

  /** The stage a class belongs to, by the names the stages block uses; null for none. */
  static String stageOf(JavaClass c) {
    String pkg = c.getPackageName();
    if (pkg.equals(BASE)) {
      String top = topLevel(c).getSimpleName();
      return top.equals(APP) ? APP : top.endsWith("Exception") ? EXCEPTIONS : null;
    }
    return pkg.startsWith(BASE + ".") ? pkg.substring(BASE.length() + 1) : null;
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top;
  }

  private static DescribedPredicate<JavaClass> inStage(String stage) {
    return DescribedPredicate.describe("in stage " + stage, c -> stage.equals(stageOf(c)));
  }

  @Test
  void every_package_is_a_listed_stage_and_every_listed_stage_exists() {
    Set<String> actual = new TreeSet<>();
    Set<String> unplaced = new TreeSet<>();
    for (JavaClass c : classes) {
      String stage = stageOf(c);
      if (stage == null) {
        unplaced.add(c.getName());
      } else {
        actual.add(stage);
      }
    }
    assertThat(unplaced).as("root-package classes that are neither App nor an exception").isEmpty();
    assertThat(stages)
        .as("the stages block of " + DOC + " lists each stage once")
        .doesNotHaveDuplicates();
    assertThat(actual)
        .as("packages under %s missing from the stages block of %s", BASE, DOC)
        .isSubsetOf(stages);
    assertThat(stages)
        .as("stages listed in %s that have no classes", DOC)
        .containsExactlyInAnyOrderElementsOf(actual);
  }

  @Test
  void no_stage_uses_a_later_one() {
    LayeredArchitecture layers =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .ensureAllClassesAreContainedInArchitecture();
    for (String stage : stages) {
      layers = layers.layer(stage).definedBy(inStage(stage));
    }
    for (int i = 0; i < stages.size(); i++) {
      layers =
          i == 0
              ? layers.whereLayer(stages.get(0)).mayNotAccessAnyLayer()
              : layers
                  .whereLayer(stages.get(i))
                  .mayOnlyAccessLayers(stages.subList(0, i).toArray(String[]::new));
    }
    layers.check(classes);
  }

  @Test
  void stages_have_no_cycles() {
    SliceAssignment byStage =
        new SliceAssignment() {
          @Override
          public SliceIdentifier getIdentifierOf(JavaClass c) {
            String stage = stageOf(c);
            return stage == null ? SliceIdentifier.ignore() : SliceIdentifier.of(stage);
          }

          @Override
          public String getDescription() {
            return "askdocs stages";
          }
        };
    slices().assignedFrom(byStage).should().beFreeOfCycles().check(classes);
  }

  @Test
  void http_and_slack_do_not_know_each_other() {
    noClasses()
        .that()
        .resideInAPackage(BASE + ".http..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(BASE + ".slack..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(BASE + ".slack..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(BASE + ".http..")
        .check(classes);
  }

  @Test
  void only_the_composition_root_uses_the_front_ends() {
    noClasses()
        .that(DescribedPredicate.not(inStage(APP)))
        .and()
        .resideOutsideOfPackages(BASE + ".http..", BASE + ".slack..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(BASE + ".http..", BASE + ".slack..")
        .check(classes);
  }

  @Test
  void only_the_composition_root_uses_app() {
    noClasses()
        .that(DescribedPredicate.not(inStage(APP)))
        .and()
        .resideOutsideOfPackage(BASE + ".cli..")
        .should()
        .dependOnClassesThat(inStage(APP))
        .check(classes);
  }

  /**
   * Services (anything that holds files, threads or sockets, and the contracts the front ends call)
   * are created in {@code App}; a stage may create its own (a decorator, a helper). {@code bench}
   * is the allowed exception: it builds the stages one at a time to measure each, and launches the
   * real server over HTTP for the rest (docs/BENCHMARKS.md).
   */
  @Test
  void only_the_composition_root_wires_services() {
    classes()
        .that(DescribedPredicate.not(inStage(APP)))
        .and()
        .resideOutsideOfPackage(BASE + ".bench..")
        .should(notCreateServicesOfOtherStages())
        .check(classes);
  }

  private static final Set<String> SERVICE_CONTRACTS =
      Set.of(
          BASE + ".index.ChunkIndex",
          BASE + ".embed.Embedder",
          BASE + ".retrieve.Retriever",
          BASE + ".answer.Answerer",
          BASE + ".answer.QuestionAnswerer",
          BASE + ".chat.QuestionRewriter",
          BASE + ".chat.ChatService",
          BASE + ".ingest.Ingestor",
          BASE + ".ingest.DocumentUploads",
          BASE + ".llm.LlmClient",
          AutoCloseable.class.getName());

  private static boolean isService(JavaClass c) {
    return c.getPackageName().startsWith(BASE + ".")
        && SERVICE_CONTRACTS.stream().anyMatch(c::isAssignableTo);
  }

  private static ArchCondition<JavaClass> notCreateServicesOfOtherStages() {
    return new ArchCondition<>("not create the services of another stage") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (JavaCall<?> call : c.getCodeUnitCallsFromSelf()) {
          JavaClass made =
              call instanceof JavaConstructorCall
                  ? call.getTargetOwner()
                  : call.getTarget().resolveMember().stream()
                      .filter(m -> m.getModifiers().contains(JavaModifier.STATIC))
                      .map(m -> call.getTarget().getRawReturnType())
                      .findFirst()
                      .orElse(null);
          if (made != null
              && isService(made)
              && !made.getPackageName().equals(c.getPackageName())
              && !made.getPackageName().startsWith(c.getPackageName() + ".")) {
            events.add(SimpleConditionEvent.violated(call, call.getDescription()));
          }
        }
      }
    };
  }
}
