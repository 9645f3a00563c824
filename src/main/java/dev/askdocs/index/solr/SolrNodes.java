package dev.askdocs.index.solr;

import dev.askdocs.AskdocsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrResponse;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.impl.HttpSolrClientBase;
import org.apache.solr.common.SolrException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Solr nodes askdocs was given, with failover: a request goes to the node that answered last;
 * when that node cannot be reached or answers with a server error (a node going down, a shard
 * electing a new leader), it is tried on the next node, round the list, with a growing pause, until
 * {@link #ATTEMPTS} tries have failed. Requests are sent over {@code java.net.http} ({@link
 * HttpJdkSolrClient}), which keeps Solr's Jetty client off askdocs' classpath. Thread-safe.
 *
 * <p>Any node of a SolrCloud serves any collection (it forwards to the shards' replicas), so any
 * listed node will do; listing several only matters when one is down.
 */
final class SolrNodes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SolrNodes.class);

  /** Tries per request, across the nodes: with the pauses, about half a minute in all. */
  static final int ATTEMPTS = 10;

  private static final long FIRST_PAUSE_MS = 100;
  private static final long MAX_PAUSE_MS = 5_000;

  private final List<URI> urls;
  private final List<HttpSolrClientBase> clients = new ArrayList<>();
  private final AtomicInteger current = new AtomicInteger();

  SolrNodes(List<URI> urls) {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("no Solr node URL");
    }
    this.urls = List.copyOf(urls);
    for (URI url : urls) {
      clients.add(
          new HttpJdkSolrClient.Builder(url.toString())
              .useHttp1_1(true)
              .withConnectionTimeout(5, TimeUnit.SECONDS)
              .withIdleTimeout(60, TimeUnit.SECONDS)
              .withRequestTimeout(120, TimeUnit.SECONDS)
              .build());
    }
  }

  List<URI> urls() {
    return urls;
  }

  /**
   * Sends {@code request} for {@code collection} (null for admin requests), failing over and
   * retrying transient failures.
   *
   * @throws SolrException when Solr refuses the request itself (4xx), at once
   * @throws AskdocsException when no node could serve it after {@link #ATTEMPTS} tries
   */
  <R extends SolrResponse> R send(SolrRequest<R> request, String collection) {
    RuntimeException last = null;
    long pause = FIRST_PAUSE_MS;
    int start = current.get();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int node = Math.floorMod(start + attempt, clients.size());
      try {
        R response = request.process(clients.get(node), collection);
        current.set(node);
        return response;
      } catch (SolrServerException | IOException e) {
        last = new UncheckedIOException(new IOException(e.getMessage(), e));
      } catch (SolrException e) {
        if (!transientCode(e.code())) {
          throw e;
        }
        last = e;
      }
      LOG.debug("Solr node {} failed ({}); trying the next", urls.get(node), last.getMessage());
      if (attempt % clients.size() == clients.size() - 1) {
        // Every node failed once in this round: give the cluster time to elect or recover.
        sleep(pause);
        pause = Math.min(MAX_PAUSE_MS, pause * 2);
      }
    }
    throw new AskdocsException(
        "no Solr node of " + urls + " could serve the request: " + last.getMessage(), last);
  }

  /** Server errors a retry may cure; 4xx are the request's fault and retrying cannot help. */
  private static boolean transientCode(int code) {
    return code >= 500 || code == 0 || code == -1;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AskdocsException("interrupted while waiting for Solr", e);
    }
  }

  @Override
  public void close() {
    for (HttpSolrClientBase c : clients) {
      try {
        c.close();
      } catch (IOException e) {
        LOG.warn("closing the client of a Solr node: {}", e.getMessage());
      }
    }
  }
}
