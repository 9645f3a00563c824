package dev.askdocs.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches a route (a malformed request line, a URI or
 * headers too long), in askdocs' JSON error body instead of Jetty's HTML page. No stack traces, no
 * request echo.
 */
final class JsonErrorHandler extends ErrorHandler {
  private final ObjectMapper mapper;

  JsonErrorHandler(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  protected void generateResponse(
      Request request, Response response, int code, String message, Throwable cause, Callback cb) {
    String reason = HttpStatus.getMessage(code);
    byte[] body;
    try {
      body =
          mapper.writeValueAsBytes(
              ErrorBody.of(HttpApi.codeOf(code), reason == null ? "HTTP " + code : reason, null));
    } catch (JsonProcessingException e) {
      body = "{\"error\":{\"code\":\"internal\"}}".getBytes(StandardCharsets.UTF_8);
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    // Answered before any route ran, so before RequestIds.assign: the id is given here.
    response
        .getHeaders()
        .put(RequestIds.HEADER, RequestIds.accepted(request.getHeaders().get(RequestIds.HEADER)));
    response.write(true, ByteBuffer.wrap(body), cb);
  }
}
