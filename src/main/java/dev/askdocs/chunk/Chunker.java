package dev.askdocs.chunk;

import dev.askdocs.load.LoadedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Packs whole sentences into chunks that fit the embedding model's window, so that no text of a
 * chunk is silently cut off by the model. Consecutive chunks share {@code overlapSentences}
 * sentences, so a fact that straddles a boundary is whole in at least one chunk. A sentence longer
 * than the window is cut at word boundaries into pieces that fit. A chunk never crosses a hard
 * boundary of the document (a slide, sheet or top-level section): it ends there, and the next chunk
 * starts there without overlap from before it. Thread-safe.
 */
public final class Chunker {
  private static final Pattern WORD = Pattern.compile("\\S+");

  private final SentenceSplitter splitter = new SentenceSplitter();
  private final ToIntFunction<String> tokenCounter;
  private final int maxTokens;
  private final int overlapSentences;

  /**
   * @param tokenCounter counts word pieces with the embedding model's own tokenizer
   * @param maxTokens the most word pieces one chunk may hold
   * @param overlapSentences sentences repeated at the start of the next chunk
   */
  public Chunker(ToIntFunction<String> tokenCounter, int maxTokens, int overlapSentences) {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens too small: " + maxTokens);
    }
    this.tokenCounter = tokenCounter;
    this.maxTokens = maxTokens;
    this.overlapSentences = overlapSentences;
  }

  /**
   * Splits a document's text into chunks in order.
   *
   * @param pageAt the page of a character offset, or null when the document has no pages
   */
  public List<Chunk> split(String documentId, String text, IntFunction<Integer> pageAt) {
    return split(documentId, text, pageAt, 0);
  }

  /**
   * Splits a document's text into chunks that leave {@code reservedTokens} of the window free (for
   * text embedded with every chunk, such as the document's title).
   */
  public List<Chunk> split(
      String documentId, String text, IntFunction<Integer> pageAt, int reservedTokens) {
    return split(documentId, text, pageAt, reservedTokens, List.of(), (start, end) -> null);
  }

  /**
   * Splits a loaded document into chunks that leave {@code reservedTokens} of the window free,
   * never across its {@link LoadedDocument#hardBoundaries()}, each with its page and location.
   */
  public List<Chunk> split(String documentId, LoadedDocument document, int reservedTokens) {
    return split(
        documentId,
        document.text(),
        document::pageAt,
        reservedTokens,
        document.hardBoundaries(),
        document::locationOf);
  }

  private List<Chunk> split(
      String documentId,
      String text,
      IntFunction<Integer> pageAt,
      int reservedTokens,
      List<Integer> boundaries,
      BiFunction<Integer, Integer, String> locationOf) {
    int maxTokens = Math.max(1, this.maxTokens - Math.max(0, reservedTokens));
    List<Piece> pieces = new ArrayList<>();
    for (Span sentence : splitter.split(text)) {
      for (Span s : cutAt(sentence, boundaries)) {
        int tokens = tokenCounter.applyAsInt(s.of(text));
        if (tokens <= maxTokens) {
          pieces.add(new Piece(s, tokens, region(s.start(), boundaries)));
        } else {
          cutLongSentence(text, s, pieces, maxTokens, region(s.start(), boundaries));
        }
      }
    }
    List<Chunk> chunks = new ArrayList<>();
    int i = 0;
    while (i < pieces.size()) {
      int tokens = 0;
      int j = i;
      int region = pieces.get(i).region();
      // Word pieces never span whitespace, so a chunk's count is the sum of its sentences'.
      while (j < pieces.size()
          && pieces.get(j).region() == region
          && tokens + pieces.get(j).tokens() <= maxTokens) {
        tokens += pieces.get(j).tokens();
        j++;
      }
      int start = pieces.get(i).span().start();
      int end = pieces.get(j - 1).span().end();
      int ordinal = chunks.size();
      chunks.add(
          new Chunk(
              Chunk.idOf(documentId, ordinal),
              documentId,
              ordinal,
              text.substring(start, end),
              start,
              end,
              pageAt.apply(start),
              locationOf.apply(start, end)));
      if (j >= pieces.size()) {
        break;
      }
      // Step back for the overlap, but always move forward by at least one piece, and never take
      // the overlap from before a hard boundary.
      i = pieces.get(j).region() != region ? j : Math.max(i + 1, j - overlapSentences);
    }
    return chunks;
  }

  /** A sentence cut where a hard boundary falls inside it (a slide title without a full stop). */
  private static List<Span> cutAt(Span sentence, List<Integer> boundaries) {
    List<Span> out = new ArrayList<>();
    int from = sentence.start();
    for (int i = region(from, boundaries); i < boundaries.size(); i++) {
      int b = boundaries.get(i);
      if (b >= sentence.end()) {
        break;
      }
      if (b > from) {
        out.add(new Span(from, b));
        from = b;
      }
    }
    out.add(new Span(from, sentence.end()));
    return out;
  }

  /**
   * How many hard boundaries (sorted) lie at or before {@code offset}, by binary search: pieces of
   * one region may share a chunk.
   */
  private static int region(int offset, List<Integer> boundaries) {
    int lo = 0;
    int hi = boundaries.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (boundaries.get(mid) <= offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Cuts one over-long sentence at word boundaries (or inside a giant "word") into fitting pieces.
   */
  private void cutLongSentence(String text, Span s, List<Piece> out, int maxTokens, int region) {
    Matcher word = WORD.matcher(text).region(s.start(), s.end());
    int pieceStart = -1;
    int pieceEnd = -1;
    while (word.find()) {
      int wordStart = word.start();
      int wordEnd = word.end();
      if (pieceStart < 0) {
        pieceStart = wordStart;
      } else if (tokenCounter.applyAsInt(text.substring(pieceStart, wordEnd)) > maxTokens) {
        addPiece(text, pieceStart, pieceEnd, out, region);
        pieceStart = wordStart;
      }
      // A single "word" longer than the window (a URL, a blob): cut it by characters.
      while (tokenCounter.applyAsInt(text.substring(pieceStart, wordEnd)) > maxTokens) {
        int cut = longestFittingPrefix(text, pieceStart, wordEnd, maxTokens);
        addPiece(text, pieceStart, cut, out, region);
        pieceStart = cut;
      }
      pieceEnd = wordEnd;
    }
    if (pieceStart >= 0 && pieceStart < pieceEnd) {
      addPiece(text, pieceStart, pieceEnd, out, region);
    }
  }

  private int longestFittingPrefix(String text, int from, int to, int maxTokens) {
    int lo = from + 1;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (tokenCounter.applyAsInt(text.substring(from, mid)) <= maxTokens) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private void addPiece(String text, int start, int end, List<Piece> out, int region) {
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      int tokens = tokenCounter.applyAsInt(text.substring(start, end));
      out.add(new Piece(new Span(start, end), tokens, region));
    }
  }

  private record Piece(Span span, int tokens, int region) {}
}
