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

  @Override
  public boolean claim(String key, Instant now, Instant forgetBefore) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField("id", EVENT + "!" + key);
    d.setField("kind", EVENT);
    d.setField("updated", now.toEpochMilli());
    d.setField("_version_", -1L); // only if absent
    UpdateRequest add = new UpdateRequest();
    add.add(d);
    add.deleteByQuery(
        "kind:" + EVENT + " AND updated:[* TO " + (forgetBefore.toEpochMilli() - 1) + "]");
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
