package dev.askdocs.index.solr;

import dev.askdocs.AskdocsException;
import dev.askdocs.index.IndexMismatchException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.GenericSolrRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.ContentStreamBase;
import org.apache.solr.common.util.NamedList;

/**
 * Setting up and inspecting askdocs' collection: {@link #init} uploads the configset shipped in the
 * jar and creates the collection; {@link #checkModel} refuses a collection built with another
 * embedding model.
 *
 * <p>The model and dimension are kept in a metadata record in the collection itself (id {@code
 * askdocs!meta}): it is replicated and backed up with the chunks it describes, goes away with the
 * collection, and any node can read it with a plain search, without ZooKeeper access.
 */
public final class SolrCollections {
  /** The configset files, under {@code solr/configset/} on the classpath. */
  static final List<String> CONFIGSET_FILES =
      List.of("schema.xml", "solrconfig.xml", "stopwords_en.txt");

  private static final String SHIPPED_DIMENSION = "vectorDimension=\"384\"";

  private SolrCollections() {}

  /** What {@link #init} did. */
  public enum InitResult {
    CREATED,
    EXISTED
  }

  /**
   * Creates {@code collection} with {@code shards} × {@code replicas} for vectors of {@code
   * dimension} from {@code model}; does nothing when it exists already with the same model.
   *
   * @throws IndexMismatchException if it exists with another model or vector dimension
   */
  public static InitResult init(
      List<java.net.URI> urls,
      String collection,
      int shards,
      int replicas,
      String model,
      int dimension) {
    if (shards < 1 || replicas < 1) {
      throw new IllegalArgumentException("shards and replicas must be at least 1");
    }
    try (SolrNodes nodes = new SolrNodes(urls)) {
      if (exists(nodes, collection)) {
        int built = vectorDimension(nodes, collection);
        if (built != dimension) {
          throw new IndexMismatchException(
              String.format(
                  "collection %s holds %d-dimensional vectors, but %s has %d. Choose another"
                      + " ASKDOCS_SOLR_COLLECTION, or delete this collection and run askdocs solr"
                      + " init again.",
                  collection, built, model, dimension));
        }
        if (meta(nodes, collection) == null) {
          writeMeta(nodes, collection, model, dimension);
        }
        checkModel(nodes, collection, model, dimension);
        return InitResult.EXISTED;
      }
      String configSet = "askdocs-d" + dimension;
      ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload();
      upload.setConfigSetName(configSet);
      upload.setOverwrite(true);
      upload.setUploadStream(
          new ContentStreamBase.ByteArrayStream(
              configSetZip(dimension), configSet + ".zip", "application/zip"));
      nodes.send(upload, null);
      nodes.send(
          CollectionAdminRequest.createCollection(collection, configSet, shards, replicas), null);
      writeMeta(nodes, collection, model, dimension);
      return InitResult.CREATED;
    }
  }

  static void checkModel(SolrNodes nodes, String collection, String model, int dimension) {
    SolrDocumentList meta = meta(nodes, collection);
    if (meta == null || meta.isEmpty()) {
      throw new AskdocsException(
          "collection "
              + collection
              + " has no askdocs metadata: create it with `askdocs solr init` (nodes "
              + nodes.urls()
              + ")");
    }
    String builtWith = SolrRecords.str(meta.get(0), SolrRecords.MODEL);
    Number builtDim = SolrRecords.num(meta.get(0), SolrRecords.DIMENSION);
    if (!model.equals(builtWith) || builtDim == null || builtDim.intValue() != dimension) {
      throw new IndexMismatchException(
          String.format(
              "collection %s was built with embedding model %s (%s dimensions), but %s (%d"
                  + " dimensions) is configured. Set ASKDOCS_EMBEDDING_MODEL=%s, or choose another"
                  + " ASKDOCS_SOLR_COLLECTION and run askdocs solr init.",
              collection, builtWith, builtDim, model, dimension, builtWith));
    }
  }

  /** The metadata record, or null when there is none; fails when the collection is missing. */
  private static SolrDocumentList meta(SolrNodes nodes, String collection) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", "{!term f=" + SolrRecords.ID + "}" + SolrRecords.META_ID);
    p.set("fl", SolrRecords.MODEL + "," + SolrRecords.DIMENSION);
    try {
      SolrDocumentList found = nodes.send(new QueryRequest(p), collection).getResults();
      return found.isEmpty() ? null : found;
    } catch (SolrException e) {
      if (e.code() == 404) {
        throw new AskdocsException(
            "collection "
                + collection
                + " not found on "
                + nodes.urls()
                + ": create it with `askdocs solr init`",
            e);
      }
      throw e;
    }
  }

  private static void writeMeta(SolrNodes nodes, String collection, String model, int dimension) {
    UpdateRequest add = new UpdateRequest();
    add.add(SolrRecords.metaRecord(model, dimension));
    add.setAction(UpdateRequest.ACTION.COMMIT, true, true);
    nodes.send(add, collection);
  }

  private static boolean exists(SolrNodes nodes, String collection) {
    NamedList<Object> r = nodes.send(new CollectionAdminRequest.List(), null).getResponse();
    Object names = r.get("collections");
    return names instanceof List<?> l && l.contains(collection);
  }

  /**
   * Whether the collection's schema declares {@code field}: a collection created before a field was
   * added to the shipped configset does not, and refuses documents that carry it.
   */
  static boolean hasField(SolrNodes nodes, String collection, String field) {
    GenericSolrRequest fields =
        new GenericSolrRequest(SolrRequest.METHOD.GET, "/schema/fields")
            .setRequiresCollection(true);
    Object list = nodes.send(fields, collection).getResponse().get("fields");
    if (list instanceof List<?> l) {
      for (Object f : l) {
        if (field.equals(value(f, "name"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The vector dimension of the collection's schema, asked of the Schema API. */
  private static int vectorDimension(SolrNodes nodes, String collection) {
    GenericSolrRequest field =
        new GenericSolrRequest(SolrRequest.METHOD.GET, "/schema/fields/" + SolrRecords.VECTOR)
            .setRequiresCollection(true);
    Object type = value(nodes.send(field, collection).getResponse().get("field"), "type");
    GenericSolrRequest fieldType =
        new GenericSolrRequest(SolrRequest.METHOD.GET, "/schema/fieldtypes/" + type)
            .setRequiresCollection(true);
    Object dim =
        value(nodes.send(fieldType, collection).getResponse().get("fieldType"), "vectorDimension");
    if (dim == null) {
      throw new AskdocsException(
          "collection " + collection + " has no dense vector field '" + SolrRecords.VECTOR + "'");
    }
    return Integer.parseInt(dim.toString());
  }

  /** The configset shipped in the jar, as a zip, for vectors of {@code dimension}. */
  static byte[] configSetZip(int dimension) {
    return zip(dimension, "/solr/configset/");
  }

  /**
   * The conversations' configset: their own {@code schema.xml} (under {@code solr/conversations/})
   * with the chunks' {@code solrconfig.xml} and stop words.
   */
  static byte[] conversationsConfigSetZip() {
    return zip(0, "/solr/conversations/");
  }

  /**
   * Creates the conversations collection {@code collection} (one shard, a replica on each of up to
   * two live nodes) unless it exists; a node creating it at the same time is no error.
   */
  static void ensureConversations(SolrNodes nodes, String collection) {
    if (exists(nodes, collection)) {
      return;
    }
    String configSet = "askdocs-conversations";
    ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload();
    upload.setConfigSetName(configSet);
    upload.setOverwrite(true);
    upload.setUploadStream(
        new ContentStreamBase.ByteArrayStream(
            conversationsConfigSetZip(), configSet + ".zip", "application/zip"));
    nodes.send(upload, null);
    Object live =
        nodes
            .send(CollectionAdminRequest.getClusterStatus(), null)
            .getResponse()
            ._get(List.of("cluster", "live_nodes"), null);
    int replicas = live instanceof List<?> l ? Math.max(1, Math.min(2, l.size())) : 1;
    try {
      nodes.send(CollectionAdminRequest.createCollection(collection, configSet, 1, replicas), null);
    } catch (SolrException e) {
      if (!exists(nodes, collection)) {
        throw e;
      }
      // Another node created it meanwhile: that is the collection we wanted.
    }
  }

  private static byte[] zip(int dimension, String schemaFolder) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String name : CONFIGSET_FILES) {
        String path = (name.equals("schema.xml") ? schemaFolder : "/solr/configset/") + name;
        try (InputStream in = SolrCollections.class.getResourceAsStream(path)) {
          if (in == null) {
            throw new IllegalStateException("missing resource " + path);
          }
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          if (name.equals("schema.xml") && dimension > 0) {
            if (!text.contains(SHIPPED_DIMENSION)) {
              throw new IllegalStateException("schema.xml lost its " + SHIPPED_DIMENSION);
            }
            text = text.replace(SHIPPED_DIMENSION, "vectorDimension=\"" + dimension + "\"");
          }
          zip.putNextEntry(new ZipEntry(name));
          zip.write(text.getBytes(StandardCharsets.UTF_8));
          zip.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Documents and chunks in each replica of {@code collection}, by core name, counted by the
   * replica alone ({@code distrib=false}); replicas that are not active are left out.
   */
  static Map<String, Long> replicaCounts(SolrNodes nodes, String collection) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> r : replicas(nodes, collection).entrySet()) {
      String core = r.getKey();
      String baseUrl = r.getValue()[0];
      if (!"active".equals(r.getValue()[1])) {
        continue;
      }
      try (HttpJdkSolrClient client =
          new HttpJdkSolrClient.Builder(baseUrl)
              .useHttp1_1(true)
              .withConnectionTimeout(5, TimeUnit.SECONDS)
              .build()) {
        ModifiableSolrParams p = new ModifiableSolrParams();
        p.set("q", "*:*");
        p.set("rows", 0);
        p.set("distrib", false);
        counts.put(core, new QueryRequest(p).process(client, core).getResults().getNumFound());
      } catch (SolrServerException | IOException e) {
        throw new AskdocsException("cannot count replica " + core + ": " + e.getMessage(), e);
      }
    }
    return counts;
  }

  /**
   * Per core name: its node's base URL and its state from the cluster status ("down" when its node
   * is not live).
   */
  static Map<String, String[]> replicas(SolrNodes nodes, String collection) {
    NamedList<Object> r =
        nodes
            .send(CollectionAdminRequest.getClusterStatus().setCollectionName(collection), null)
            .getResponse();
    Object shards = value(value(value(r.get("cluster"), "collections"), collection), "shards");
    Object liveNodes = value(r.get("cluster"), "live_nodes");
    Map<String, String[]> out = new LinkedHashMap<>();
    for (Object shard : values(shards)) {
      for (Object replica : values(value(shard, "replicas"))) {
        // A replica whose node died stays "active" in the cluster state until it is marked down.
        boolean live =
            liveNodes instanceof java.util.Collection<?> c
                && c.contains(String.valueOf(value(replica, "node_name")));
        out.put(
            String.valueOf(value(replica, "core")),
            new String[] {
              String.valueOf(value(replica, "base_url")),
              live ? String.valueOf(value(replica, "state")) : "down"
            });
      }
    }
    return out;
  }

  private static Object value(Object mapOrNamedList, String key) {
    if (mapOrNamedList instanceof Map<?, ?> m) {
      return m.get(key);
    }
    if (mapOrNamedList instanceof NamedList<?> n) {
      return n.get(key);
    }
    return null;
  }

  private static java.util.Collection<?> values(Object mapOrNamedList) {
    if (mapOrNamedList instanceof Map<?, ?> m) {
      return m.values();
    }
    if (mapOrNamedList instanceof NamedList<?> n) {
      List<Object> out = new java.util.ArrayList<>();
      n.forEach((k, v) -> out.add(v));
      return out;
    }
    return List.of();
  }
}
