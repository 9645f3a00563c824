package dev.askdocs.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.BadInputException;
import dev.askdocs.NotFoundException;
import dev.askdocs.NotReadyException;
import dev.askdocs.answer.Answer;
import dev.askdocs.answer.Citation;
import dev.askdocs.answer.LlmStatus;
import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.answer.RelatedPassage;
import dev.askdocs.config.Config;
import dev.askdocs.index.ChunkFilter;
import dev.askdocs.index.ChunkIndex;
import dev.askdocs.index.DocumentSummary;
import dev.askdocs.index.IndexedDocument;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.load.OcrStatus;
import dev.askdocs.retrieve.Retrieval;
import dev.askdocs.retrieve.RetrievalMode;
import dev.askdocs.retrieve.Retriever;
import dev.askdocs.retrieve.ScoredChunk;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** The JSON API's handlers: parse and check input, call the services, shape the response. */
final class ApiHandlers {
  private static final Pattern DOCUMENT_ID = Pattern.compile("[0-9a-f]{16}");

  private final Config config;
  private final QuestionAnswerer answerer;
  private final Retriever retriever;
  private final ChunkIndex index;
  private final ServiceState state;
  private final JsonBodies bodies;
  private final ConcurrencyLimiter limiter;

  ApiHandlers(
      Config config,
      QuestionAnswerer answerer,
      Retriever retriever,
      ChunkIndex index,
      ServiceState state,
      JsonBodies bodies,
      ConcurrencyLimiter limiter) {
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
    ChunkFilter filter = Filters.fromJson(body);
    requireReady();
    QuestionAnswerer.Result r = limiter.call(() -> answerer.ask(question, topK, filter));
    Answer a = r.answer();
    ctx.json(
        new AskResponse(
            question,
            a.text(),
            a.abstained(),
            a.confidence(),
            a.answeredBy(),
            a.notice(),
            a.citations(),
            a.unsupportedClaims(),
            a.seeAlso(),
            r.timings()));
  }

  void search(Context ctx) {
    String q = JsonBodies.checkedText(ctx.queryParam("q"), "q", config.maxQuestionChars());
    int k = JsonBodies.queryInt(ctx, "k", 10, 1, Config.MAX_TOP_K);
    RetrievalMode mode = mode(ctx.queryParam("mode"));
    ChunkFilter filter = Filters.fromQuery(ctx);
    requireReady();
    Retrieval r = limiter.call(() -> retriever.retrieve(q, k, mode, filter));
    List<SearchHit> hits =
        r.passages().stream().map(p -> SearchHit.of(p, r.passages().indexOf(p) + 1)).toList();
    ctx.json(new SearchResponse(q, mode.name().toLowerCase(), hits));
  }

  void documents(Context ctx) {
    requireReady();
    ctx.json(new DocumentList(index.documents()));
  }

  void document(Context ctx) {
    String id = ctx.pathParam("id");
    if (!DOCUMENT_ID.matcher(id).matches()) {
      throw new NotFoundException("no document with id '" + id + "'");
    }
    requireReady();
    IndexedDocument d =
        index
            .document(id)
            .orElseThrow(() -> new NotFoundException("no document with id '" + id + "'"));
    ctx.json(
        new DocumentView(
            d.id(), d.title(), d.source(), d.text(), d.chunks(), d.indexedAt(), d.pageStarts()));
  }

  void health(Context ctx) {
    if (state.failure().isPresent()) {
      ctx.status(503)
          .json(new Health("failed", state.failure().get(), null, null, state.llm(), state.ocr()));
    } else if (!state.ready()) {
      ctx.status(503)
          .json(
              new Health(
                  "starting", "the index is being built", null, null, state.llm(), state.ocr()));
    } else {
      ctx.json(
          new Health(
              "ready",
              null,
              index.stats(),
              state.lastIngest().orElse(null),
              state.llm(),
              state.ocr()));
    }
  }

  void requireReady() {
    if (!state.ready()) {
      throw new NotReadyException(
          state
              .failure()
              .map(f -> "start-up failed: " + f)
              .orElse("the index is still being built; retry shortly"));
    }
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

  record AskResponse(
      String question,
      String answer,
      boolean abstained,
      double confidence,
      String answeredBy,
      String notice,
      List<Citation> citations,
      List<String> unsupportedClaims,
      List<RelatedPassage> seeAlso,
      QuestionAnswerer.Timings timingsMs) {}

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
      double score) {
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
          p.score());
    }
  }

  record SearchResponse(String query, String mode, List<SearchHit> results) {}

  record DocumentList(List<DocumentSummary> documents) {}

  record DocumentView(
      String id,
      String title,
      String source,
      String text,
      int chunks,
      Instant indexedAt,
      List<Integer> pageStarts) {}

  /**
   * @param llm the language model's state: answers stay available (extractive) when it fails, so it
   *     does not change {@code status}
   * @param ocr whether scans and images are read; off does not change {@code status} either
   */
  record Health(
      String status,
      String message,
      Object index,
      IngestReport lastIngest,
      LlmStatus llm,
      OcrStatus ocr) {}
}
