package dev.askdocs.index.solr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.index.ChunkFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.junit.jupiter.api.Test;

/** The configset shipped in the jar, as {@code askdocs solr init} uploads it. */
class SolrConfigsetTest {
  private static Map<String, String> unzip(byte[] zip) throws IOException {
    Map<String, String> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  @Test
  void the_upload_holds_every_file_with_the_models_vector_dimension() throws IOException {
    Map<String, String> files = unzip(SolrCollections.configSetZip(768));
    assertThat(files.keySet()).containsExactlyInAnyOrderElementsOf(SolrCollections.CONFIGSET_FILES);
    assertThat(files.get("schema.xml"))
        .contains("vectorDimension=\"768\"")
        .doesNotContain("vectorDimension=\"384\"")
        .contains("similarityFunction=\"cosine\"");
    assertThat(files.get("solrconfig.xml")).contains("<updateLog>").contains("ExactStatsCache");
  }

  @Test
  void solr_drops_exactly_the_stop_words_of_lucenes_english_analyzer() throws IOException {
    Set<String> shipped =
        unzip(SolrCollections.configSetZip(384))
            .get("stopwords_en.txt")
            .lines()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .collect(Collectors.toSet());
    CharArraySet lucene = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
    assertThat(shipped).hasSize(lucene.size());
    assertThat(shipped).allSatisfy(w -> assertThat(lucene.contains(w)).as(w).isTrue());
  }

  @Test
  void filters_escape_what_users_write() {
    List<String> fqs = SolrFilters.of(new ChunkFilter(List.of("my docs/a+b"), Set.of("d2", "d1")));
    assertThat(fqs).containsExactly("{!lucene}source:my\\ docs\\/a\\+b*", "{!terms f=doc_id}d1,d2");
    assertThat(SolrFilters.of(ChunkFilter.NONE)).isEmpty();
  }
}
