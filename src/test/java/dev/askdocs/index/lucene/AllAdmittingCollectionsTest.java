package dev.askdocs.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.index.ChunkFilter;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class AllAdmittingCollectionsTest {
  private static Document in(String collection) {
    Document d = new Document();
    d.add(new StringField(LuceneDocuments.COLLECTION, collection, Field.Store.NO));
    return d;
  }

  @Test
  void drops_the_collections_only_when_they_admit_every_record() throws Exception {
    var withDefault = new ChunkFilter(List.of("a/"), Set.of(), Set.of("default"));
    var withBoth = new ChunkFilter(List.of("a/"), Set.of(), Set.of("default", "hr"));
    var hrOnly = ChunkFilter.collections(Set.of("hr"));
    try (var dir = new ByteBuffersDirectory();
        var writer = new IndexWriter(dir, new IndexWriterConfig())) {
      writer.addDocument(in("default"));
      writer.commit();
      try (var reader = DirectoryReader.open(dir)) {
        assertThat(LuceneDocuments.withoutAllAdmittingCollections(reader, withDefault))
            .isEqualTo(ChunkFilter.sourcePrefixes(List.of("a/")));
        assertThat(LuceneDocuments.withoutAllAdmittingCollections(reader, withBoth).collections())
            .isEmpty();
        assertThat(LuceneDocuments.withoutAllAdmittingCollections(reader, hrOnly))
            .isEqualTo(hrOnly);
      }
      writer.addDocument(in("hr"));
      writer.addDocument(in("legal"));
      writer.commit();
      try (var reader = DirectoryReader.open(dir)) {
        // A record in a collection the caller may not read keeps the clause.
        assertThat(LuceneDocuments.withoutAllAdmittingCollections(reader, withBoth))
            .isEqualTo(withBoth);
        assertThat(
                LuceneDocuments.withoutAllAdmittingCollections(
                        reader, ChunkFilter.collections(Set.of("default", "hr", "legal")))
                    .isEmpty())
            .isTrue();
      }
    }
  }
}
