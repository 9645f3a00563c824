package dev.askdocs.index.solr;

import dev.askdocs.index.ConversationIndex;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * {@link ConversationIndex} on a SolrCloud collection of its own (schema {@code
 * solr/conversations/schema.xml}), created on first open: every askdocs node sharing the cluster
 * sees every conversation. Each change is soft-committed before it returns, so the next read of any
 * node sees it. An event is claimed by adding its record only if absent ({@code _version_=-1}), so
 * of several nodes given the same event exactly one succeeds. Thread-safe.
 */
public final class SolrConversationIndex implements ConversationIndex {
  private static final int CONFLICT = 409;
  private static final String CONVERSATION = "conversation";
  private static final String EVENT = "event";

  private final SolrNodes nodes;
  private final String collection;

  private SolrConversationIndex(SolrNodes nodes, String collection) {
    this.nodes = nodes;
    this.collection = collection;
  }

  /** Opens {@code collection}, creating it first if the cluster has none of that name. */
  public static SolrConversationIndex open(List<URI> urls, String collection) {
    SolrNodes nodes = new SolrNodes(urls);
    try {
      SolrCollections.ensureConversations(nodes, collection);
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
    return new SolrConversationIndex(nodes, collection);
  }

  @Override
  public Optional<StoredConversation> get(String owner, String id) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", "{!term f=id}" + key(owner, id));
    return query(p, 0, 1).stream().filter(c -> c.owner().equals(owner)).findFirst();
  }

  @Override
  public void upsert(StoredConversation c) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField("id", key(c.owner(), c.id()));
    d.setField("kind", CONVERSATION);
    d.setField("owner", c.owner());
    d.setField("conversation_id", c.id());
    d.setField("collection", c.collection());
    d.setField("title", c.title());
    d.setField("text", c.text());
    d.setField("turns", c.turns());
    d.setField("updated", c.updatedAt().toEpochMilli());
    UpdateRequest add = new UpdateRequest();
    add.add(d);
    commit(add);
  }

  @Override
  public Page list(String owner, String query, int limit, String cursor) {
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    ModifiableSolrParams p = owned(owner);
    if (query != null && !query.isBlank()) {
      p.set("defType", "edismax");
      p.set("qf", "title text");
      p.set("q.op", "AND");
      p.set("q", query);
    }
    List<StoredConversation> found = query(p, from, limit + 1);
    boolean more = found.size() > limit;
    return new Page(
        List.copyOf(more ? found.subList(0, limit) : found),
        more ? String.valueOf(from + limit) : null);
  }

  @Override
  public boolean delete(String owner, String id) {
    if (get(owner, id).isEmpty()) {
      return false;
    }
    UpdateRequest del = new UpdateRequest();
    del.deleteById(key(owner, id));
    commit(del);
    return true;
  }

  @Override
  public int deleteAll(String owner) {
    return deleteByQuery("{!term f=owner v=" + quoted(owner) + "}");
  }

  @Override
  public int deleteUpdatedBefore(Instant cutoff) {
    return deleteByQuery(
        "kind:" + CONVERSATION + " AND updated:[* TO " + (cutoff.toEpochMilli() - 1) + "]");
  }

  /**
   * Adds the event's record only if absent. A record left from a claim older than {@code
   * forgetBefore} (not yet removed by {@link #forgetClaimsBefore}) is replaced only at the version
   * read, so that of several nodes retrying at once one wins. Old claims are not deleted here: a
   * delete by query in every claim made each Slack event a commit over the whole collection.
   */
  @Override
  public boolean claim(String key, Instant now, Instant forgetBefore) {
    String id = EVENT + "!" + key;
    if (addEvent(id, now, -1L)) { // only if absent
      return true;
    }
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("id", id);
    p.set("fl", "updated,_version_");
    QueryRequest get = new QueryRequest(p);
    get.setPath("/get");
    Object found = nodes.send(get, collection).getResponse().get("doc");
    if (!(found instanceof SolrDocument old)) {
      return addEvent(id, now, -1L); // released meanwhile
    }
    long updated = ((Number) old.getFirstValue("updated")).longValue();
    if (updated >= forgetBefore.toEpochMilli()) {
      return false;
    }
    return addEvent(id, now, ((Number) old.getFirstValue("_version_")).longValue());
  }

  /** Adds an event record at {@code version} (-1: only if absent); false on a version conflict. */
  private boolean addEvent(String id, Instant now, long version) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField("id", id);
    d.setField("kind", EVENT);
    d.setField("updated", now.toEpochMilli());
    d.setField("_version_", version);
    UpdateRequest add = new UpdateRequest();
    add.add(d);
    try {
      nodes.send(add, collection);
      return true;
    } catch (SolrException e) {
      if (e.code() != CONFLICT) {
        throw e;
      }
      return false;
    }
  }

  /**
   * Claims are added without a commit, so the count may miss the newest; the delete, committed,
   * removes every one that matches.
   */
  @Override
  public int forgetClaimsBefore(Instant cutoff) {
    String q = "kind:" + EVENT + " AND updated:[* TO " + (cutoff.toEpochMilli() - 1) + "]";
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", q);
    p.set("rows", 0);
    long n = nodes.send(new QueryRequest(p), collection).getResults().getNumFound();
    UpdateRequest del = new UpdateRequest();
    del.deleteByQuery(q);
    commit(del);
    return (int) n;
  }

  @Override
  public void release(String key) {
    UpdateRequest del = new UpdateRequest();
    del.deleteById(EVENT + "!" + key);
    nodes.send(del, collection);
  }

  @Override
  public void close() {
    nodes.close();
  }

  private int deleteByQuery(String q) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", q);
    p.set("rows", 0);
    long n = nodes.send(new QueryRequest(p), collection).getResults().getNumFound();
    if (n > 0) {
      UpdateRequest del = new UpdateRequest();
      del.deleteByQuery(q);
      commit(del);
    }
    return (int) n;
  }

  private List<StoredConversation> query(ModifiableSolrParams p, int start, int rows) {
    p.set("start", start);
    p.set("rows", rows);
    p.set("sort", "updated desc, id asc");
    p.set("fl", "owner,conversation_id,collection,title,updated,turns");
    SolrDocumentList docs = nodes.send(new QueryRequest(p), collection).getResults();
    List<StoredConversation> out = new ArrayList<>();
    for (SolrDocument d : docs) {
      out.add(
          new StoredConversation(
              (String) d.getFirstValue("owner"),
              (String) d.getFirstValue("conversation_id"),
              (String) d.getFirstValue("collection"),
              (String) d.getFirstValue("title"),
              Instant.ofEpochMilli(((Number) d.getFirstValue("updated")).longValue()),
              (String) d.getFirstValue("turns"),
              ""));
    }
    return out;
  }

  private void commit(UpdateRequest request) {
    request.setAction(UpdateRequest.ACTION.COMMIT, true, true, true);
    nodes.send(request, collection);
  }

  /** All of the owner's conversations, as filters. */
  private static ModifiableSolrParams owned(String owner) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", "*:*");
    p.add("fq", "kind:" + CONVERSATION);
    p.add("fq", "{!term f=owner}" + owner);
    return p;
  }

  private static String quoted(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String key(String owner, String id) {
    // URL-encoded, the owner has no '!', which the compositeId router reads as a separator.
    return URLEncoder.encode(owner, StandardCharsets.UTF_8) + "!" + id;
  }
}
