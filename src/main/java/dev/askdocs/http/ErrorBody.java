package dev.askdocs.http;

/** The JSON body of every error: {@code {"error": {"code", "message", "field"}}}. */
record ErrorBody(Error error) {
  record Error(String code, String message, String field) {}

  static ErrorBody of(String code, String message, String field) {
    return new ErrorBody(new Error(code, message, field));
  }
}
