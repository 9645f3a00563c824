package dev.askdocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.bench.ServerLaunch;
import dev.askdocs.config.Version;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a user installs: {@code target/askdocs-<version>.zip}, unpacked into a temporary folder and
 * started through its launcher ({@code bin/askdocs serve}) as a user would, on the Java running the
 * tests (17) and on the newest LTS when it is installed (required in CI), then stopped with
 * SIGTERM.
 */
class ReleaseZipIT {
  static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
  static final String QUESTION = "Who is the Pakistani special representative for Afghanistan?";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DIR = "askdocs-" + Version.current();

  @TempDir Path tmp;

  static Path zip() {
    Path zip = Path.of("target", DIR + ".zip");
    assertThat(zip).as("mvn package builds the zip").exists();
    return zip;
  }

  @Test
  void holds_the_launcher_the_jar_an_environment_file_and_a_service_unit() throws Exception {
    try (ZipFile zip = ZipFile.builder().setPath(zip()).get()) {
      List<String> names = new ArrayList<>();
      Collections.list(zip.getEntries()).forEach(e -> names.add(e.getName()));
      assertThat(names)
          .contains(
              DIR + "/bin/askdocs",
              DIR + "/lib/askdocs.jar",
              DIR + "/askdocs.env",
              DIR + "/askdocs.service",
              DIR + "/LICENSE",
              DIR + "/NOTICE",
              DIR + "/README.md")
          .allMatch(n -> n.startsWith(DIR + "/"));
      assertThat(zip.getEntry(DIR + "/bin/askdocs").getUnixMode() & 0777).isEqualTo(0755);
      String unit = text(zip, DIR + "/askdocs.service");
      assertThat(unit)
          .contains("User=askdocs")
          .contains("Restart=on-failure")
          .contains("KillSignal=SIGTERM")
          .contains("SuccessExitStatus=143")
          .contains("EnvironmentFile=/etc/askdocs/askdocs.env")
          .contains("ExecStart=/opt/askdocs/bin/askdocs serve")
          .containsPattern("TimeoutStopSec=\\d+s")
          .doesNotContain("User=root");
      // The stop timeout outlasts askdocs' own grace for requests in flight (30 s).
      Matcher stop = Pattern.compile("TimeoutStopSec=(\\d+)s").matcher(unit);
      assertThat(stop.find()).isTrue();
      assertThat(Integer.parseInt(stop.group(1))).isGreaterThan(30);
      assertThat(text(zip, DIR + "/askdocs.env")).contains("ASKDOCS_INDEX_DIR=");
    }
  }

  static Stream<Path> javas() {
    return Stream.of(Path.of(System.getProperty("java.home")), TEMURIN_25);
  }

  @ParameterizedTest
  @MethodSource("javas")
  void starts_through_the_launcher_answers_over_http_and_stops_on_sigterm(Path javaHome)
      throws Exception {
    Path java = javaHome.resolve("bin").resolve("java");
    Prerequisites.require(Files.isExecutable(java), "no Java at " + javaHome);
    int feature = feature(java);
    Path home = unpack(zip(), tmp.resolve("install"));
    Path launcher = home.resolve("bin").resolve("askdocs");

    Path cds = tmp.resolve("cds");
    ProcessBuilder version = launcher(launcher, javaHome, cds, "--version");
    version.redirectErrorStream(true);
    Process v = version.start();
    String printed = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(v.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(v.exitValue()).as(printed).isZero();
    assertThat(printed).contains("askdocs " + Version.current());

    Path log = tmp.resolve("serve.log");
    ProcessBuilder serve = launcher(launcher, javaHome, cds, "serve");
    Map<String, String> env = serve.environment();
    env.put("ASKDOCS_HOST", "127.0.0.1");
    env.put("ASKDOCS_PORT", "0");
    env.put("ASKDOCS_CORPUS_DIR", TestCorpus.withSeed(tmp.resolve("corpus")).toString());
    env.put("ASKDOCS_INDEX_DIR", tmp.resolve("index").toString());
    env.put("ASKDOCS_JAVA_OPTS", "-Xmx512m");
    serve.redirectError(log.toFile());
    Process server = serve.start();
    try {
      int port = servingPort(server).get(3, TimeUnit.MINUTES);
      List<String> cmdline = cmdline(server.pid());
      // exec: the launcher's process is the JVM, so SIGTERM reaches askdocs itself.
      assertThat(cmdline.get(0)).isEqualTo(java.toString());
      assertThat(cmdline).contains("-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8");
      assertThat(cmdline.indexOf("-Xmx512m"))
          .as("the user's heap comes after the default, so it wins")
          .isGreaterThan(cmdline.indexOf("-Xmx1g"));
      assertThat(cmdline.contains("jdk.incubator.vector"))
          .as(
              "the vector module only on Java 21 and 22, where Lucene 9.12 uses it; here "
                  + feature)
          .isEqualTo(feature >= 21 && feature <= 22);
      assertThat(cmdline)
          .as("the first server makes the class-data-sharing archive")
          .anyMatch(
              a ->
                  a.startsWith("-XX:ArchiveClassesAtExit=" + cds)
                      || a.startsWith("-XX:SharedArchiveFile=" + cds));

      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      await()
          .atMost(Duration.ofMinutes(3))
          .until(
              () -> {
                assertThat(server.isAlive()).as("the server is running").isTrue();
                return get(http, base + "/health").statusCode() == 200;
              });
      JsonNode health = JSON.readTree(get(http, base + "/health").body());
      assertThat(health.get("version").asText()).isEqualTo(Version.current());
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/ask"))
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(60))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          JSON.writeValueAsString(Map.of("question", QUESTION))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(answer.body()).get("answer").asText()).contains("Asif Durrani");

      // Stop only once the model has finished loading: ONNX Runtime's shutdown hook frees its
      // environment concurrently with askdocs' own, and a SIGTERM while a session is still being
      // created crashes the JVM in native code (SIGSEGV, exit 134): a known gap, not tested here.
      await()
          .atMost(Duration.ofMinutes(3))
          .until(
              () ->
                  Files.readString(log, StandardCharsets.UTF_8)
                      .contains("embedding model all-minilm-l6-v2-q loaded"));
      server.destroy(); // SIGTERM
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
      assertThat(server.exitValue())
          .as("exit after SIGTERM; the log:%n%s", Files.readString(log, StandardCharsets.UTF_8))
          .isIn(0, 143);
      String written = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(written).doesNotContain(" ERROR ");

      // The archive the server left is mapped by the next start: -Xshare:on refuses to start
      // without it (a JVM started with a wrong archive and -Xshare:auto starts without one).
      try (Stream<Path> archives = Files.list(cds)) {
        assertThat(archives.map(a -> a.getFileName().toString())).anyMatch(a -> a.endsWith(".jsa"));
      }
      ProcessBuilder again = launcher(launcher, javaHome, cds, "--version");
      again.environment().put("ASKDOCS_JAVA_OPTS", "-Xshare:on");
      again.redirectErrorStream(true);
      Process shared = again.start();
      String out = new String(shared.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(shared.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(shared.exitValue()).as(out).isZero();
      assertThat(out).contains("askdocs " + Version.current());
    } finally {
      server.destroyForcibly();
    }
  }

  /** The launcher with {@code args}, keeping its class-data-sharing archives in {@code cds}. */
  static ProcessBuilder launcher(Path launcher, Path javaHome, Path cds, String... args) {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("ASKDOCS_") || k.startsWith("SLACK_") || k.equals("JAVA_OPTS"));
    pb.environment().put("JAVA_HOME", javaHome.toString());
    pb.environment().put("ASKDOCS_CDS_DIR", cds.toString());
    return pb;
  }

  /** The feature release of {@code java}, such as 17 or 25, as the launcher finds it too. */
  static int feature(Path java) throws Exception {
    Process p =
        new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    Matcher m = Pattern.compile("java\\.specification\\.version = (\\d+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** The port from the line the server prints on stdout once it listens. */
  static CompletableFuture<Integer> servingPort(Process server) {
    return ServerLaunch.servingPort(server);
  }

  static List<String> cmdline(long pid) throws IOException {
    String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
    return List.of(raw.split("\0"));
  }

  static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String text(ZipFile zip, String name) throws IOException {
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Unpacks {@code zip} into {@code into} with each file's Unix mode; returns the top folder. */
  static Path unpack(Path zip, Path into) throws IOException {
    try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
      for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
        Path target = into.resolve(e.getName()).normalize();
        assertThat(target.startsWith(into)).as("%s stays inside the folder", e.getName()).isTrue();
        if (e.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = z.getInputStream(e)) {
          Files.copy(in, target);
        }
        Files.setPosixFilePermissions(target, permissions(e.getUnixMode()));
      }
    }
    return into.resolve(DIR);
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        out.add(bits[i]);
      }
    }
    return out;
  }
}
