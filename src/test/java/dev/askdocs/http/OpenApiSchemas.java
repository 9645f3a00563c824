package dev.askdocs.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The schemas of {@code /openapi.json}, for checking examples and real responses against them. */
final class OpenApiSchemas {
  static final JsonNode DOC = load();

  private OpenApiSchemas() {}

  private static JsonNode load() {
    try (InputStream in = OpenApiSchemas.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is wrong with {@code value} as an instance of the component schema {@code name}. */
  static List<String> problems(String name, JsonNode value) {
    JsonNode schema = DOC.at("/components/schemas/" + name);
    if (schema.isMissingNode()) {
      throw new IllegalArgumentException("no schema " + name);
    }
    return errors(schema, value).stream().map(Error::toString).toList();
  }

  /** Validates {@code value} against {@code schema}, whose references point into the document. */
  static List<Error> errors(JsonNode schema, JsonNode value) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.setAll((ObjectNode) schema.deepCopy());
    root.set("components", DOC.get("components"));
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(root.toString(), InputFormat.JSON)
        .validate(value.toString(), InputFormat.JSON);
  }
}
