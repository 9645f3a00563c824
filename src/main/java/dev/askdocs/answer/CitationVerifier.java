package dev.askdocs.answer;

import dev.askdocs.chunk.SentenceSplitter;
import dev.askdocs.chunk.Span;
import dev.askdocs.retrieve.ScoredChunk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a written answer against the passages its writer was given: parses its {@code [n]}
 * markers, drops those that point at no given passage, checks each sentence against the passages it
 * cites ({@link SupportCheck}), and renumbers the sources from 1 in order of first citation.
 * Sentences without a marker that state something (two content words or more) must be supported by
 * some given passage. Thread-safe.
 */
final class CitationVerifier {
  /** {@code [1]}, {@code [1, 2]}, {@code [1][2]}; also {@code [Passage 1]} as some models write. */
  private static final Pattern MARKER =
      Pattern.compile(
          "\\s*\\[(?:passage\\s*)?(\\d+(?:\\s*,\\s*(?:passage\\s*)?\\d+)*)\\]",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern LEADING_MARKERS =
      Pattern.compile(
          "^((?:\\s*\\[(?:passage\\s*)?\\d+(?:\\s*,\\s*\\d+)*\\])+)", Pattern.CASE_INSENSITIVE);

  private final SentenceSplitter splitter = new SentenceSplitter();
  private static final java.util.regex.Pattern LIST_ITEM =
      java.util.regex.Pattern.compile("\\n(?=[ \\t]*(?:[-*+]|\\d{1,3}[.)])[ \\t])");
  private final Terms terms = new Terms();
  private final SupportCheck check;

  CitationVerifier(SupportCheck check) {
    this.check = check;
  }

  /** The checked answer. */
  Verified verify(String modelText, List<ScoredChunk> passages) {
    List<Claim> claims = claims(modelText.strip(), passages.size());
    Map<Integer, Integer> renumbered = new LinkedHashMap<>();
    Map<Integer, Source> sources = new LinkedHashMap<>();
    List<String> unsupported = new ArrayList<>();
    int dropped = 0;
    int checked = 0;
    int supportedClaims = 0;
    double supportSum = 0;
    StringBuilder text = new StringBuilder();
    for (Claim c : claims) {
      dropped += c.dropped();
      boolean supported;
      if (c.cited().isEmpty()) {
        supported = terms.of(c.text()).size() < 2 || supportedByAny(c.text(), passages);
      } else {
        supported = false;
        double best = 0;
        for (int p : c.cited()) {
          ScoredChunk passage = passages.get(p - 1);
          SupportCheck.Support s = check.measure(c.text(), passage.chunk().text());
          boolean ok = check.supports(s);
          supported |= ok;
          best = Math.max(best, s.score());
          sources.computeIfAbsent(p, k -> new Source(passage)).add(s, ok);
          renumbered.putIfAbsent(p, renumbered.size() + 1);
        }
        checked++;
        supportSum += best;
        supportedClaims += supported ? 1 : 0;
      }
      if (!supported) {
        unsupported.add(c.text());
      }
      if (text.length() > 0) {
        text.append(c.gap());
      }
      StringBuilder markers = new StringBuilder();
      for (int p : c.cited()) {
        markers.append(" [").append(renumbered.get(p)).append(']');
      }
      text.append(withMarkers(c.text(), markers.toString()));
    }
    List<Citation> citations = new ArrayList<>();
    renumbered.forEach((p, n) -> citations.add(sources.get(p).citation(n)));
    double confidence = checked == 0 ? 0 : Math.round(supportSum / checked * 1000) / 1000.0;
    return new Verified(
        text.toString(), citations, unsupported, dropped, supportedClaims, confidence);
  }

  /**
   * The claim with its markers at its end, or, for a Markdown table row ({@code | a | b |}), inside
   * its last cell, where a table shows them.
   */
  private static String withMarkers(String claim, String markers) {
    int lastLine = claim.lastIndexOf('\n') + 1;
    String line = claim.substring(lastLine).strip();
    if (!markers.isEmpty() && line.length() > 1 && line.startsWith("|") && line.endsWith("|")) {
      int pipe = claim.lastIndexOf('|');
      return claim.substring(0, pipe).stripTrailing() + markers + " " + claim.substring(pipe);
    }
    return claim + markers;
  }

  private boolean supportedByAny(String claim, List<ScoredChunk> passages) {
    for (ScoredChunk p : passages) {
      if (check.supports(check.measure(claim, p.chunk().text()))) {
        return true;
      }
    }
    return false;
  }

  /** The answer's sentences with their markers; markers opening a sentence belong to the last. */
  private List<Claim> claims(String text, int passageCount) {
    List<String> sentences = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    int previousEnd = -1;
    for (Span s : splitter.split(text)) {
      // Line breaks between sentences are kept: they are the answer's Markdown (lists, tables).
      String between = previousEnd < 0 ? "" : text.substring(previousEnd, s.start());
      previousEnd = s.end();
      String gap = between.contains("\n\n") ? "\n\n" : between.contains("\n") ? "\n" : " ";
      // A list item is a statement of its own, with its own markers, even without a full stop.
      String[] items = LIST_ITEM.split(s.of(text).strip());
      for (int k = 0; k < items.length - 1; k++) {
        String item = items[k].strip();
        if (!item.isEmpty()) {
          sentences.add(item);
          gaps.add(k == 0 ? gap : "\n");
        }
      }
      if (items.length > 1) {
        gap = "\n";
      }
      String sentence = items[items.length - 1].strip();
      Matcher lead = LEADING_MARKERS.matcher(sentence);
      if (lead.find() && !sentences.isEmpty()) {
        int last = sentences.size() - 1;
        sentences.set(last, sentences.get(last) + lead.group(1));
        sentence = sentence.substring(lead.end()).strip();
      }
      if (!sentence.isEmpty()) {
        sentences.add(sentence);
        gaps.add(gap);
      }
    }
    List<Claim> out = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      String s = sentences.get(i);
      Set<Integer> cited = new LinkedHashSet<>();
      int dropped = 0;
      Matcher m = MARKER.matcher(s);
      while (m.find()) {
        for (String n : m.group(1).split(",")) {
          int p = Integer.parseInt(n.replaceAll("(?i)[^0-9]", ""));
          if (p >= 1 && p <= passageCount) {
            cited.add(p);
          } else {
            dropped++;
          }
        }
      }
      String bare = MARKER.matcher(s).replaceAll("").strip();
      // "... in 2021 [1]." leaves "in 2021 ." : put the full stop back against the text.
      bare = bare.replaceAll("\\s+([.!?;:,])", "$1");
      if (!bare.isEmpty()) {
        out.add(new Claim(bare, List.copyOf(cited), dropped, gaps.get(i)));
      }
    }
    return out;
  }

  /** One sentence of the answer, without markers, and the given passages it cites (1-based). */
  private record Claim(String text, List<Integer> cited, int dropped, String gap) {}

  /** A passage as a source: how well it supports each claim citing it. */
  private static final class Source {
    private final ScoredChunk passage;
    private boolean allSupported = true;
    private double minScore = 1;
    private Span quote;
    private double quoteScore = -1;

    Source(ScoredChunk passage) {
      this.passage = passage;
    }

    void add(SupportCheck.Support s, boolean supported) {
      allSupported &= supported;
      minScore = Math.min(minScore, s.score());
      if (s.bestSentence() != null && s.score() > quoteScore) {
        quote = s.bestSentence();
        quoteScore = s.score();
      }
    }

    Citation citation(int n) {
      var c = passage.chunk();
      Span q = quote != null ? quote : new Span(0, c.text().length());
      return new Citation(
          n,
          c.documentId(),
          passage.title(),
          passage.source(),
          c.id(),
          q.of(c.text()),
          c.start() + q.start(),
          c.start() + q.end(),
          c.page(),
          Math.round(minScore * 1000) / 1000.0,
          allSupported,
          Citation.locationOf(c.page(), c.location()),
          passage.url());
    }
  }

  /**
   * A checked answer.
   *
   * @param text the answer with valid markers only, renumbered to match {@code citations}
   * @param citations the passages cited, numbered from 1 in order of first citation
   * @param unsupportedClaims sentences no passage they cite supports, and uncited statements no
   *     given passage supports
   * @param droppedMarkers markers that pointed at no given passage
   * @param supportedClaims cited sentences that a passage they cite supports
   * @param confidence mean, over cited sentences, of the best support score among their sources
   */
  record Verified(
      String text,
      List<Citation> citations,
      List<String> unsupportedClaims,
      int droppedMarkers,
      int supportedClaims,
      double confidence) {}
}
