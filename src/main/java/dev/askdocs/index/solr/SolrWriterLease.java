package dev.askdocs.index.solr;

import dev.askdocs.index.IndexLockedException;
import dev.askdocs.index.WriteLease;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-ingester rule on a shared collection: a lease record (id {@code askdocs!ingest-lock})
 * naming its holder and when it expires. It is taken with Solr's optimistic concurrency: created
 * only if absent ({@code _version_=-1}), or taken over only if unchanged since it was read and
 * expired ({@code _version_=<what was read>}), so two processes can never both succeed. The holder
 * renews it every {@link #RENEW_EVERY}; a holder that dies lets it expire after {@link #LENGTH}.
 * Reads use real-time get, which sees writes before any commit.
 */
final class SolrWriterLease implements WriteLease {
  private static final Logger LOG = LoggerFactory.getLogger(SolrWriterLease.class);

  static final long LENGTH = TimeUnit.SECONDS.toMillis(60);
  static final long RENEW_EVERY = TimeUnit.SECONDS.toMillis(20);

  private static final int CONFLICT = 409;

  private final SolrNodes nodes;
  private final String collection;
  private final String owner;
  private final ScheduledExecutorService renewer;

  private SolrWriterLease(SolrNodes nodes, String collection, String owner) {
    this.nodes = nodes;
    this.collection = collection;
    this.owner = owner;
    this.renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "solr-ingest-lease");
              t.setDaemon(true);
              return t;
            });
    renewer.scheduleWithFixedDelay(this::renew, RENEW_EVERY, RENEW_EVERY, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lease of {@code collection}.
   *
   * @throws IndexLockedException while another process holds it
   */
  static SolrWriterLease claim(SolrNodes nodes, String collection) {
    String owner =
        ManagementFactory.getRuntimeMXBean().getName()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    SolrDocument held = read(nodes, collection);
    long now = System.currentTimeMillis();
    long version = -1; // must not exist
    if (held != null) {
      long expires = SolrRecords.num(held, SolrRecords.EXPIRES_AT).longValue();
      if (expires > now) {
        throw refused(collection, held);
      }
      version = SolrRecords.num(held, SolrRecords.VERSION).longValue(); // must be unchanged
      LOG.info(
          "taking over the expired ingest lease of {} from {}",
          collection,
          SolrRecords.str(held, SolrRecords.OWNER));
    }
    try {
      write(nodes, collection, owner, version);
    } catch (SolrException e) {
      if (e.code() != CONFLICT) {
        throw e;
      }
      SolrDocument winner = read(nodes, collection);
      if (winner == null || !owner.equals(SolrRecords.str(winner, SolrRecords.OWNER))) {
        throw refused(collection, winner);
      }
      // Our own write, applied before a retry of it was refused.
    }
    return new SolrWriterLease(nodes, collection, owner);
  }

  private static IndexLockedException refused(String collection, SolrDocument held) {
    String who = held == null ? "another process" : SolrRecords.str(held, SolrRecords.OWNER);
    String until =
        held == null
            ? ""
            : " (its lease runs until "
                + Instant.ofEpochMilli(SolrRecords.num(held, SolrRecords.EXPIRES_AT).longValue())
                + " unless renewed)";
    return new IndexLockedException(
        "collection " + collection + " is being ingested by " + who + until + "; try again later",
        null);
  }

  private static SolrDocument read(SolrNodes nodes, String collection) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("id", SolrRecords.LOCK_ID);
    p.set("fl", "*," + SolrRecords.VERSION);
    QueryRequest get = new QueryRequest(p);
    get.setPath("/get");
    return (SolrDocument) nodes.send(get, collection).getResponse().get("doc");
  }

  private static void write(SolrNodes nodes, String collection, String owner, long version) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.setField(SolrRecords.ID, SolrRecords.LOCK_ID);
    doc.setField(SolrRecords.KIND, SolrRecords.KIND_LOCK);
    doc.setField(SolrRecords.DOC_ID, "askdocs");
    doc.setField(SolrRecords.OWNER, owner);
    doc.setField(SolrRecords.EXPIRES_AT, System.currentTimeMillis() + LENGTH);
    doc.setField(SolrRecords.VERSION, version);
    UpdateRequest add = new UpdateRequest();
    add.add(doc);
    nodes.send(add, collection);
  }

  private void renew() {
    try {
      SolrDocument held = read(nodes, collection);
      if (held == null || !owner.equals(SolrRecords.str(held, SolrRecords.OWNER))) {
        LOG.error("the ingest lease of {} was lost to {}", collection, held);
        return;
      }
      write(nodes, collection, owner, SolrRecords.num(held, SolrRecords.VERSION).longValue());
    } catch (RuntimeException e) {
      // The next renewal tries again; the lease is long enough to survive one failure.
      LOG.warn("renewing the ingest lease of {}: {}", collection, e.getMessage());
    }
  }

  /** Stops renewing and deletes the lease, if it is still ours. */
  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      renewer.awaitTermination(5, TimeUnit.SECONDS);
      SolrDocument held = read(nodes, collection);
      if (held != null && owner.equals(SolrRecords.str(held, SolrRecords.OWNER))) {
        UpdateRequest delete = new UpdateRequest();
        delete.deleteById(
            SolrRecords.LOCK_ID, SolrRecords.num(held, SolrRecords.VERSION).longValue());
        nodes.send(delete, collection);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("releasing the ingest lease of {}: interrupted; it expires by itself", collection);
    } catch (RuntimeException e) {
      LOG.warn(
          "releasing the ingest lease of {}: {}; it expires by itself", collection, e.getMessage());
    }
  }
}
