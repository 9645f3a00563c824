package dev.askdocs.solrcluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud for askdocs' integration tests: {@code MiniSolrCloudCluster} with an embedded
 * ZooKeeper and N Solr nodes, each a Jetty in this JVM. Prints {@code zk HOST:PORT}, one {@code
 * node I URL} per node and {@code ready}, then obeys commands on standard input, one per line:
 * {@code stop I} (stops node I's Jetty; its cores go down), {@code start I} (starts it again on the
 * same port; its replicas recover), {@code quit}. Each command is answered by {@code ok ...} or
 * {@code error ...}. The cluster also stops when standard input closes, so a test that dies leaves
 * no Solr behind.
 *
 * <p>Usage: {@code java -Dsolr.log.dir=DIR -cp CLASSPATH dev.askdocs.solrcluster.TestCluster
 * WORK_DIR [NODES]}
 */
public final class TestCluster {
  private TestCluster() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "target/solr-cluster");
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Files.createDirectories(work);
    MiniSolrCloudCluster cluster =
        new MiniSolrCloudCluster.Builder(nodes, work).withTraceIdGenerationDisabled().build();
    List<JettySolrRunner> jettys = new ArrayList<>(cluster.getJettySolrRunners());
    System.out.println("zk " + cluster.getZkServer().getZkAddress());
    for (int i = 0; i < jettys.size(); i++) {
      System.out.println("node " + i + " " + jettys.get(i).getBaseUrl());
    }
    System.out.println("ready");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] cmd = line.strip().split("\\s+");
        try {
          if (cmd[0].equals("quit")) {
            break;
          } else if (cmd[0].equals("stop")) {
            JettySolrRunner j = jettys.get(Integer.parseInt(cmd[1]));
            cluster.stopJettySolrRunner(j);
            cluster.waitForJettyToStop(j);
            System.out.println("ok stopped " + cmd[1]);
          } else if (cmd[0].equals("start")) {
            int i = Integer.parseInt(cmd[1]);
            JettySolrRunner j = cluster.startJettySolrRunner(jettys.get(i), true);
            cluster.waitForNode(j, 60);
            jettys.set(i, j);
            System.out.println("ok started " + i + " " + j.getBaseUrl());
          } else {
            System.out.println("error unknown command: " + line);
          }
        } catch (Exception e) {
          System.out.println("error " + e);
        }
        System.out.flush();
      }
    } finally {
      cluster.shutdown();
      System.out.println("ok quit");
      System.out.flush();
    }
    System.exit(0);
  }
}
