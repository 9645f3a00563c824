package dev.askdocs.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.BadInputException;
import dev.askdocs.NotFoundException;
import dev.askdocs.ingest.DocumentUploads;
import dev.askdocs.ingest.UploadRejectedException;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/documents} (files in multipart fields named {@code file}, or one JSON text)
 * and {@code DELETE /api/v1/documents/{id}}: documents indexed and searchable, or gone, when the
 * call returns.
 */
final class DocumentEndpoint {
  private static final Pattern DOCUMENT_ID = Pattern.compile("[0-9a-f]{16}");
  static final int MAX_TITLE_CHARS = 200;
  static final int MAX_SOURCE_CHARS = 200;

  private final Scopes scopes;
  private final DocumentUploads uploads;
  private final ApiHandlers api;
  private final JsonBodies bodies;
  private final long maxUploadBytes;
  private final dev.askdocs.index.ChunkIndex index;
  private final PageImages pages;

  DocumentEndpoint(
      DocumentUploads uploads,
      ApiHandlers api,
      JsonBodies bodies,
      long maxUploadBytes,
      Scopes scopes) {
    this(uploads, api, bodies, maxUploadBytes, scopes, null, null);
  }

  /**
   * @param index where documents are looked up, with the caller's filter, before a page is shown
   * @param pages renders pages of PDFs
   */
  DocumentEndpoint(
      DocumentUploads uploads,
      ApiHandlers api,
      JsonBodies bodies,
      long maxUploadBytes,
      Scopes scopes,
      dev.askdocs.index.ChunkIndex index,
      PageImages pages) {
    this.index = index;
    this.pages = pages;
    this.scopes = scopes;
    this.uploads = uploads;
    this.api = api;
    this.bodies = bodies;
    this.maxUploadBytes = maxUploadBytes;
  }

  void add(Context ctx) throws IOException {
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    String collection = scopes.collection(ctx, dev.askdocs.access.Role.EDITOR);
    List<DocumentUploads.Added> added;
    if (type.startsWith("multipart/form-data")) {
      List<UploadedFile> files = uploadedFiles(ctx);
      if (files.isEmpty()) {
        throw new BadInputException(
            "missing_field", "file", "send one or more files in form fields named 'file'");
      }
      List<InputStream> streams = new ArrayList<>();
      try {
        List<DocumentUploads.Upload> list = new ArrayList<>();
        for (UploadedFile f : files) {
          InputStream in = f.content();
          streams.add(in);
          list.add(new DocumentUploads.Upload(f.filename(), in));
        }
        added = uploads.add(collection, list, maxUploadBytes);
      } finally {
        for (InputStream in : streams) {
          in.close();
        }
      }
    } else if (type.startsWith("application/json") || type.isEmpty()) {
      JsonNode body = bodies.object(ctx);
      String text = JsonBodies.requiredText(body, "text", Integer.MAX_VALUE);
      String title = optional(body, "title", MAX_TITLE_CHARS);
      String source = optional(body, "source", MAX_SOURCE_CHARS);
      added =
          uploads.add(
              collection, List.of(DocumentUploads.text(title, text, source)), maxUploadBytes);
    } else {
      throw new UploadRejectedException(
          UploadRejectedException.Reason.UNSUPPORTED_TYPE,
          null,
          "send multipart/form-data with fields named 'file', or a JSON object");
    }
    ctx.status(201).json(new AddedDocuments(added));
  }

  void remove(Context ctx) {
    String id = ctx.pathParam("id");
    if (!DOCUMENT_ID.matcher(id).matches()) {
      throw new NotFoundException("no document with id '" + id + "'");
    }
    // Found only among the collections the caller may read; refused where it may not edit.
    dev.askdocs.index.ChunkFilter readable = scopes.forDocument(ctx);
    ctx.json(uploads.remove(id, scopes.editable(ctx, readable)));
  }

  /**
   * {@code GET /api/v1/documents/{id}/pages/{n}.png}: a page of a PDF the caller may read, the
   * {@code quote} highlighted; 404 for a document it may not read, as for one that does not exist.
   */
  void page(Context ctx) {
    String id = ctx.pathParam("id");
    String raw = ctx.pathParam("page");
    if (!DOCUMENT_ID.matcher(id).matches() || !raw.matches("[1-9][0-9]{0,4}\\.png")) {
      throw new NotFoundException("no page '" + raw + "' of a document '" + id + "'");
    }
    String quote = ctx.queryParam("quote");
    if (quote != null && !quote.isBlank()) {
      quote = JsonBodies.checkedText(quote, "quote", MAX_QUOTE_CHARS);
    } else {
      quote = null;
    }
    dev.askdocs.index.ChunkFilter readable = scopes.forDocument(ctx);
    var d =
        index
            .document(id, readable)
            .orElseThrow(() -> new NotFoundException("no document with id '" + id + "'"));
    var rendered = pages.render(d, Integer.parseInt(raw.substring(0, raw.length() - 4)), quote);
    ctx.header("Cache-Control", "private, max-age=300");
    ctx.header("X-Highlighted-Runs", String.valueOf(rendered.highlighted()));
    ctx.contentType("image/png").result(rendered.png());
  }

  static final int MAX_QUOTE_CHARS = 2000;

  /** The files of the multipart body; a body over the upload limit (sent chunked) is a 413. */
  private List<UploadedFile> uploadedFiles(Context ctx) {
    try {
      return ctx.uploadedFiles("file");
    } catch (Exception e) { // Jetty's checked ServletException, undeclared by Javalin's Kotlin
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("max")) {
          throw new RefusedException(
              RefusedException.Kind.TOO_LARGE,
              "the upload is over its limit of " + maxUploadBytes + " bytes");
        }
      }
      throw new BadInputException(
          "malformed_multipart", "file", "the multipart body cannot be read: " + e.getMessage());
    }
  }

  private static String optional(JsonNode body, String field, int maxChars) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new BadInputException("wrong_type", field, "'" + field + "' must be a string");
    }
    return JsonBodies.checkedText(v.asText(), field, maxChars);
  }

  record AddedDocuments(List<DocumentUploads.Added> documents) {}
}
