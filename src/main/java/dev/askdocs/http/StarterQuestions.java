package dev.askdocs.http;

import dev.askdocs.index.ChunkFilter;
import dev.askdocs.index.ChunkHit;
import dev.askdocs.index.ChunkSearcher;
import dev.askdocs.index.DocumentCatalogue;
import dev.askdocs.index.DocumentSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Questions to start an empty conversation with: the configured ones, or else made from the titles
 * and section headings of the documents a caller may read, with no model involved. Every lookup
 * runs with the caller's filter inside the index, so nothing of a document it may not read can
 * show. Thread-safe.
 */
final class StarterQuestions {
  /** How many the page offers when they are made from the documents. */
  static final int MADE = 4;

  /** Documents looked at, from the first page of the listing. */
  private static final int DOCUMENTS = 100;

  /** Passages looked at per document for headings. */
  private static final int PASSAGES = 12;

  private static final String HEADING_SEPARATOR = " › ";

  /** Locations that are places in a file, not headings: pages, slides, sheets, rows, mails. */
  private static final Pattern NOT_A_HEADING =
      Pattern.compile("^(p\\.|pp\\.|page |slide |sheet |rows? |from ).*", Pattern.CASE_INSENSITIVE);

  private final DocumentCatalogue catalogue;
  private final ChunkSearcher searcher;
  private final List<String> configured;

  /**
   * @param configured the questions to offer whatever the documents; empty to make them
   */
  StarterQuestions(DocumentCatalogue catalogue, ChunkSearcher searcher, List<String> configured) {
    this.catalogue = catalogue;
    this.searcher = searcher;
    this.configured = List.copyOf(configured);
  }

  /** True when the questions are configured rather than made from the documents. */
  boolean configured() {
    return !configured.isEmpty();
  }

  /**
   * Up to {@link #MADE} questions about the documents that pass {@code readable} (those with the
   * most passages first): one from each title, then one from a heading of each, or the configured
   * questions.
   */
  List<String> questions(ChunkFilter readable) {
    if (configured()) {
      return configured;
    }
    List<DocumentSummary> ranked =
        catalogue.documents(readable, null, null, DOCUMENTS).documents().stream()
            .filter(d -> usable(title(d)))
            .sorted(Comparator.comparingInt(DocumentSummary::chunks).reversed())
            .limit(MADE)
            .toList();
    Set<String> out = new LinkedHashSet<>();
    for (DocumentSummary d : ranked) {
      out.add(
          out.size() % 2 == 0
              ? "What does “" + title(d) + "” say?"
              : "Summarize “" + title(d) + "”");
    }
    for (DocumentSummary d : ranked) {
      if (out.size() >= MADE) {
        break;
      }
      heading(d, readable)
          .ifPresent(h -> out.add("What does “" + title(d) + "” say about “" + h + "”?"));
    }
    return out.stream().limit(MADE).toList();
  }

  /**
   * A section heading of {@code d}, from the locations of its passages that best match its title
   * (searched within {@code d} and the caller's filter), other than the title itself.
   */
  private java.util.Optional<String> heading(DocumentSummary d, ChunkFilter readable) {
    ChunkFilter one = readable.onlyDocument(d.id());
    List<ChunkHit> hits = searcher.keywordSearch(title(d), PASSAGES, one);
    List<String> headings = new ArrayList<>();
    for (ChunkHit hit : hits) {
      String location = hit.chunk().location();
      if (location == null || NOT_A_HEADING.matcher(location).matches()) {
        continue;
      }
      int at = location.lastIndexOf(HEADING_SEPARATOR);
      String last =
          (at < 0 ? location : location.substring(at + HEADING_SEPARATOR.length()))
              .strip()
              .replaceAll("[.:;,?]+$", "");
      boolean fits = last.length() >= 3 && last.length() <= 80;
      if (fits && !last.equalsIgnoreCase(title(d)) && !headings.contains(last)) {
        headings.add(last);
      }
    }
    return headings.stream().findFirst();
  }

  private static String title(DocumentSummary d) {
    return d.title() == null ? "" : d.title().strip().replaceAll("[.:;,]+$", "");
  }

  /** A few words worth asking about, not a bare file name. */
  static boolean usable(String text) {
    String t = text.strip();
    return t.length() >= 4
        && t.length() <= 90
        && t.split("\\s+").length >= 2
        && !t.toLowerCase(Locale.ROOT).matches(".*\\.[a-z0-9]{2,4}$");
  }
}
