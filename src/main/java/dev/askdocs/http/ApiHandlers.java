package dev.askdocs.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.BadInputException;
import dev.askdocs.NotFoundException;
import dev.askdocs.access.Role;
import dev.askdocs.answer.Citation;
import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.config.Config;
import dev.askdocs.config.Version;
import dev.askdocs.index.ChunkFilter;
import dev.askdocs.index.DocumentCatalogue;
import dev.askdocs.index.DocumentSummary;
import dev.askdocs.index.IndexedDocument;
import dev.askdocs.ingest.IngestProgress;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.llm.LlmStatus;
import dev.askdocs.load.OcrStatus;
import dev.askdocs.retrieve.Retrieval;
import dev.askdocs.retrieve.RetrievalMode;
import dev.askdocs.retrieve.Retriever;
import dev.askdocs.retrieve.ScoredChunk;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** The JSON API's handlers: parse and check input, call the services, shape the response. */
final class ApiHandlers {
  private static final Pattern DOCUMENT_ID = Pattern.compile("[0-9a-f]{16}");
  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 500;
  static final int MAX_QUERY_CHARS = 200;

  private final Config config;
  private final QuestionAnswerer answerer;
  private final Retriever retriever;
  private final DocumentCatalogue index;
  private final ServiceState state;
  private final JsonBodies bodies;
  private final ConcurrencyLimiter limiter;
  private final Scopes scopes;
  private final ApiGuard guard;
  private final StarterQuestions starters;

  ApiHandlers(
      Config config,
      QuestionAnswerer answerer,
      Retriever retriever,
      DocumentCatalogue index,
      ServiceState state,
      JsonBodies bodies,
      ConcurrencyLimiter limiter,
      Scopes scopes,
      ApiGuard guard,
      StarterQuestions starters) {
    this.starters = starters;
    this.scopes = scopes;
    this.guard = guard;
    this.config = config;
    this.answerer = answerer;
    this.retriever = retriever;
    this.index = index;
    this.state = state;
    this.bodies = bodies;
    this.limiter = limiter;
  }

  void ask(Context ctx) {
    JsonNode body = bodies.object(ctx);
    String question = JsonBodies.requiredText(body, "question", config.maxQuestionChars());
    int topK = JsonBodies.optionalInt(body, "topK", config.topK(), 1, Config.MAX_TOP_K);
    ChunkFilter filter =
        Scopes.within(Filters.fromJson(body), scopes.collection(ctx, body, Role.READER));
    QuestionAnswerer.Result r = limiter.call(() -> answerer.ask(question, topK, filter));
    ctx.json(new AskResponse(question, AnswerBody.of(r)));
  }

  void search(Context ctx) {
    String q = JsonBodies.checkedText(ctx.queryParam("q"), "q", config.maxQuestionChars());
    int k = JsonBodies.queryInt(ctx, "k", 10, 1, Config.MAX_TOP_K);
    RetrievalMode mode = mode(ctx.queryParam("mode"));
    ChunkFilter filter = Scopes.within(Filters.fromQuery(ctx), scopes.collection(ctx, Role.READER));
    Retrieval r = limiter.call(() -> retriever.retrieve(q, k, mode, filter));
    ctx.json(
        new SearchResponse(
            q, mode.name().toLowerCase(Locale.ROOT), SearchHit.ranked(r.passages())));
  }

  /** The collections the caller may read, with its role in each, and its default. */
  void collections(Context ctx) {
    var who = Callers.of(ctx);
    var grants = scopes.policy().grants(who);
    List<CollectionView> list =
        grants.entrySet().stream()
            .map(e -> new CollectionView(e.getKey(), e.getValue().name().toLowerCase(Locale.ROOT)))
            .toList();
    ctx.json(
        new CollectionList(list, grants.isEmpty() ? null : scopes.policy().defaultCollection(who)));
  }

  record CollectionView(String name, String role) {}

  /**
   * @param defaultCollection what a request that names no collection works on; null when none
   */
  record CollectionList(
      List<CollectionView> collections,
      @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultCollection) {}

  void documents(Context ctx) {
    String collection = scopes.collection(ctx, Role.READER);
    int limit = JsonBodies.queryInt(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
    String q = ctx.queryParam("q");
    if (q != null && !q.isBlank()) {
      q = JsonBodies.checkedText(q, "q", MAX_QUERY_CHARS);
    }
    var after = DocumentCursors.decode(ctx.queryParam("cursor"));
    boolean all = scopes.administersAll(Callers.of(ctx));
    var page =
        index.documents(ChunkFilter.collections(java.util.Set.of(collection)), q, after, limit);
    ctx.json(
        new DocumentList(
            collection,
            page.documents(),
            DocumentCursors.encode(page.next()),
            page.total(),
            all ? state.ingestProgress().orElse(null) : null));
  }

  /** Questions to start an empty conversation with, from what the caller may read. */
  void starters(Context ctx) {
    String collection = scopes.collection(ctx, Role.READER);
    ctx.json(
        new StarterList(
            collection,
            starters.questions(ChunkFilter.collections(java.util.Set.of(collection))),
            starters.configured() ? "configured" : "documents"));
  }

  /**
   * @param source {@code configured} (ASKDOCS_STARTER_QUESTIONS) or {@code documents} (made from
   *     titles and headings)
   */
  record StarterList(String collection, List<String> questions, String source) {}

  void document(Context ctx) {
    String id = ctx.pathParam("id");
    if (!DOCUMENT_ID.matcher(id).matches()) {
      throw new NotFoundException("no document with id '" + id + "'");
    }
    ChunkFilter readable = scopes.forDocument(ctx);
    IndexedDocument d =
        index
            .document(id, readable)
            .orElseThrow(() -> new NotFoundException("no document with id '" + id + "'"));
    ctx.json(
        new DocumentView(
            d.id(),
            d.title(),
            d.source(),
            d.text(),
            d.chunks(),
            d.indexedAt(),
            d.pageStarts(),
            d.collection(),
            d.url()));
  }

  void health(Context ctx) {
    if (state.failure().isPresent()) {
      ctx.status(503)
          .json(
              new Health(
                  "failed",
                  Version.current(),
                  state.failure().get(),
                  null,
                  null,
                  null,
                  state.llm(),
                  state.ocr()));
    } else if (!state.ready()) {
      ctx.status(503)
          .json(
              new Health(
                  "starting",
                  Version.current(),
                  "the index is being built",
                  null,
                  null,
                  state.ingestProgress().orElse(null),
                  state.llm(),
                  state.ocr()));
    } else {
      // Counts only of what the caller may read; whole-service figures only to who runs it all.
      var who = guard.identifyIfAny(ctx);
      boolean all = who.isPresent() && scopes.administersAll(who.get());
      ctx.json(
          new Health(
              "ready",
              Version.current(),
              null,
              who.isEmpty()
                  ? null
                  : all
                      ? index.stats()
                      : index.stats(ChunkFilter.collections(scopes.policy().readable(who.get()))),
              all ? state.lastIngest().orElse(null) : null,
              all ? state.ingestProgress().orElse(null) : null,
              state.llm(),
              state.ocr()));
    }
  }

  /** A slot for an answer that outlives one call (a stream); see {@link ConcurrencyLimiter}. */
  ConcurrencyLimiter.Permit admit() {
    return limiter.admit();
  }

  private static RetrievalMode mode(String raw) {
    if (raw == null || raw.isBlank()) {
      return RetrievalMode.HYBRID;
    }
    try {
      return RetrievalMode.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("bad_value", "mode", "'mode' must be bm25, dense or hybrid");
    }
  }

  record AskResponse(String question, @JsonUnwrapped AnswerBody body) {}

  record SearchHit(
      int rank,
      String chunkId,
      String documentId,
      String title,
      String source,
      String text,
      int start,
      int end,
      Integer page,
      double score,
      String url,
      String location) {
    /** The passages as hits, ranked from 1 in their order. */
    static List<SearchHit> ranked(List<ScoredChunk> passages) {
      return IntStream.range(0, passages.size()).mapToObj(i -> of(passages.get(i), i + 1)).toList();
    }

    static SearchHit of(ScoredChunk p, int rank) {
      var c = p.chunk();
      return new SearchHit(
          rank,
          c.id(),
          c.documentId(),
          p.title(),
          p.source(),
          c.text(),
          c.start(),
          c.end(),
          c.page(),
          p.score(),
          p.url(),
          Citation.locationOf(c.page(), c.location()));
    }
  }

  record SearchResponse(String query, String mode, List<SearchHit> results) {}

  /**
   * @param next the cursor of the following page, null on the last
   * @param total the documents that match, on every page
   * @param ingest the running ingest's progress, null when none runs
   */
  record DocumentList(
      String collection,
      List<DocumentSummary> documents,
      String next,
      int total,
      IngestProgress.Status ingest) {}

  record DocumentView(
      String id,
      String title,
      String source,
      String text,
      int chunks,
      Instant indexedAt,
      List<Integer> pageStarts,
      String collection,
      String url) {}

  /**
   * @param llm the language model's state: answers stay available (extractive) when it fails, so it
   *     does not change {@code status}
   * @param version askdocs' version, from the build
   * @param ingest the running ingest's progress (start-up, watched changes, or asked for), null
   *     when none runs
   * @param ocr whether scans and images are read; off does not change {@code status} either
   */
  record Health(
      String status,
      String version,
      String message,
      Object index,
      IngestReport lastIngest,
      IngestProgress.Status ingest,
      LlmStatus llm,
      OcrStatus ocr) {}
}
