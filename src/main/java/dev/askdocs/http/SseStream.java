package dev.askdocs.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Server-Sent Events response: {@code event:} and one {@code data:} line of JSON per event.
 * Events from several threads are written whole, one at a time. When the client has gone, further
 * events are dropped (the answer still completes and is remembered).
 */
final class SseStream {
  private final ObjectMapper mapper;
  private final OutputStream out;
  private boolean gone;

  private SseStream(ObjectMapper mapper, OutputStream out) {
    this.mapper = mapper;
    this.out = out;
  }

  /** Commits a 200 {@code text/event-stream} response. */
  static SseStream open(HttpServletResponse res, ObjectMapper mapper) throws IOException {
    res.setStatus(200);
    res.setContentType("text/event-stream");
    res.setCharacterEncoding("UTF-8");
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("X-Accel-Buffering", "no"); // nginx: pass events on as they come
    OutputStream out = res.getOutputStream();
    out.flush();
    return new SseStream(mapper, out);
  }

  /** Sends one event whose data is {@code value} as JSON. */
  synchronized void send(String event, Object value) {
    String json;
    try {
      json = mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the " + event + " event as JSON", e);
    }
    write("event: " + event + "\ndata: " + json + "\n\n");
  }

  /** An unnamed event: one {@code data:} line of JSON, as OpenAI-style streams send. */
  synchronized void data(Object value) {
    String json;
    try {
      json = mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a data event as JSON", e);
    }
    write("data: " + json + "\n\n");
  }

  /** The end of an OpenAI-style stream: {@code data: [DONE]}. */
  synchronized void done() {
    write("data: [DONE]\n\n");
  }

  /** A comment line, which keeps proxies and idle timeouts from closing a quiet stream. */
  synchronized void keepAlive() {
    write(": keep-alive\n\n");
  }

  synchronized boolean gone() {
    return gone;
  }

  private void write(String text) {
    if (gone) {
      return;
    }
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      // The client closed the connection; the answer still completes, nobody reads it.
      gone = true;
    }
  }
}
