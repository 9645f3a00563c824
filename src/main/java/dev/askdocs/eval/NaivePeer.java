package dev.askdocs.eval;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The naive LangChain4j pipeline that askdocs is measured against: {@code
 * DocumentSplitters.recursive(300, 0)}, the stock all-MiniLM-L6-v2 model, an {@code
 * InMemoryEmbeddingStore}, and a document scored by its best segment. It is LangChain4j by
 * definition, which is why LangChain4j types appear here outside {@code embed}.
 */
final class NaivePeer implements AutoCloseable {
  private final EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
  private final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
  private final DocumentSplitter splitter = DocumentSplitters.recursive(300, 0);
  private int segments;

  void add(String id, String title, String text) {
    Document doc = Document.from(title + "\n\n" + text, Metadata.from("id", id));
    List<TextSegment> parts = splitter.split(doc);
    List<Embedding> vectors = model.embedAll(parts).content();
    store.addAll(vectors, parts);
    segments += parts.size();
  }

  int segments() {
    return segments;
  }

  List<String> rank(String query, int depth) {
    Embedding q = model.embed(query).content();
    List<EmbeddingMatch<TextSegment>> matches =
        store
            .search(
                EmbeddingSearchRequest.builder().queryEmbedding(q).maxResults(depth * 4).build())
            .matches();
    Set<String> ranked = new LinkedHashSet<>();
    for (EmbeddingMatch<TextSegment> m : matches) {
      ranked.add(m.embedded().metadata().getString("id"));
      if (ranked.size() >= depth) {
        break;
      }
    }
    return new ArrayList<>(ranked);
  }

  @Override
  public void close() {
    // The stock model holds no closeable resources beyond the JVM's lifetime.
  }
}
