package dev.askdocs.index.solr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The SolrCloud of the integration tests: two Solr nodes and an embedded ZooKeeper in a JVM of
 * their own (solr-test-cluster/, built by the root build before the integration tests), reached
 * over HTTP as a production cluster is. One cluster serves every test class of a test JVM; each
 * class uses its own collection. It stops when the test JVM exits (its standard input closes).
 */
public final class SolrTestCluster {
  private static final Path PROJECT = Path.of("solr-test-cluster");
  private static SolrTestCluster shared;

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final List<URI> nodes = new ArrayList<>();
  private final Path backups;

  private SolrTestCluster(Process process, Path backups) {
    this.backups = backups;
    this.process = process;
    this.commands = process.outputWriter(StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
                String line;
                while ((line = out.readLine()) != null) {
                  replies.add(line);
                }
              } catch (IOException e) {
                replies.add("error " + e);
              }
              replies.add("exited");
            },
            "solr-cluster-out");
    reader.setDaemon(true);
    reader.start();
  }

  /** The cluster shared by this test JVM, started on first use (about 10 s). */
  public static synchronized SolrTestCluster shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  private static SolrTestCluster start() {
    Path classpath = PROJECT.resolve("target/classpath.txt");
    Path classes = PROJECT.resolve("target/classes");
    if (!Files.isRegularFile(classpath) || !Files.isDirectory(classes)) {
      throw new IllegalStateException(
          "the Solr test cluster is not built: run `mvn verify` (or `mvn -f"
              + " solr-test-cluster/pom.xml package`) first");
    }
    try {
      Path work = Files.createTempDirectory("askdocs-solr-cluster");
      Path backups = Files.createDirectories(work.resolve("backups"));
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx1g",
              "-Dsolr.log.dir=" + work.resolve("logs"),
              // Collection BACKUP and RESTORE may use this folder, which every node can reach.
              "-Dsolr.allowPaths=" + backups,
              "-cp",
              classes.toAbsolutePath()
                  + java.io.File.pathSeparator
                  + Files.readString(classpath).strip(),
              "dev.askdocs.solrcluster.TestCluster",
              work.resolve("nodes").toString(),
              "2");
      pb.redirectError(work.resolve("cluster.log").toFile());
      SolrTestCluster cluster = new SolrTestCluster(pb.start(), backups);
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "solr-cluster-stop"));
      cluster.awaitReady();
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    while (true) {
      String line = next(120);
      if (line.startsWith("node ")) {
        nodes.add(URI.create(line.split(" ")[2]));
      } else if (line.equals("ready")) {
        return;
      } else if (line.equals("exited")) {
        throw new IllegalStateException("the Solr test cluster exited while starting");
      }
    }
  }

  /** A folder every node may write collection backups to and restore them from. */
  public Path backups() {
    return backups;
  }

  /** Base URLs of the nodes, e.g. {@code http://127.0.0.1:38211/solr}. */
  public List<URI> nodes() {
    return List.copyOf(nodes);
  }

  /** Stops node {@code i}'s Jetty: its replicas go down, and requests to it are refused. */
  public void stopNode(int i) {
    command("stop " + i);
  }

  /** Starts node {@code i} again on its port; its replicas recover from their leaders. */
  public void startNode(int i) {
    command("start " + i);
  }

  private synchronized void command(String command) {
    try {
      commands.write(command + "\n");
      commands.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    while (true) {
      String line = next(120);
      if (line.startsWith("ok ")) {
        return;
      }
      if (line.startsWith("error ") || line.equals("exited")) {
        throw new IllegalStateException(command + ": " + line);
      }
    }
  }

  private String next(int seconds) {
    try {
      String line = replies.poll(seconds, TimeUnit.SECONDS);
      if (line == null) {
        throw new IllegalStateException(
            "the Solr test cluster did not answer in " + seconds + " s");
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void close() {
    try {
      commands.write("quit\n");
      commands.flush();
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      // Already gone: nothing to stop.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process.destroyForcibly();
    }
  }
}
