package dev.askdocs.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Packs whole sentences into chunks that fit the embedding model's window, so that no text of a
 * chunk is silently cut off by the model. Consecutive chunks share {@code overlapSentences}
 * sentences, so a fact that straddles a boundary is whole in at least one chunk. A sentence longer
 * than the window is cut at word boundaries into pieces that fit. Thread-safe.
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
    int maxTokens = Math.max(1, this.maxTokens - Math.max(0, reservedTokens));
    List<Piece> pieces = new ArrayList<>();
    for (Span s : splitter.split(text)) {
      int tokens = tokenCounter.applyAsInt(s.of(text));
      if (tokens <= maxTokens) {
        pieces.add(new Piece(s, tokens));
      } else {
        cutLongSentence(text, s, pieces, maxTokens);
      }
    }
    List<Chunk> chunks = new ArrayList<>();
    int i = 0;
    while (i < pieces.size()) {
      int tokens = 0;
      int j = i;
      // Word pieces never span whitespace, so a chunk's count is the sum of its sentences'.
      while (j < pieces.size() && tokens + pieces.get(j).tokens() <= maxTokens) {
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
              pageAt.apply(start)));
      if (j >= pieces.size()) {
        break;
      }
      // Step back for the overlap, but always move forward by at least one piece.
      i = Math.max(i + 1, j - overlapSentences);
    }
    return chunks;
  }

  /**
   * Cuts one over-long sentence at word boundaries (or inside a giant "word") into fitting pieces.
   */
  private void cutLongSentence(String text, Span s, List<Piece> out, int maxTokens) {
    Matcher word = WORD.matcher(text).region(s.start(), s.end());
    int pieceStart = -1;
    int pieceEnd = -1;
    while (word.find()) {
      int wordStart = word.start();
      int wordEnd = word.end();
      if (pieceStart < 0) {
        pieceStart = wordStart;
      } else if (tokenCounter.applyAsInt(text.substring(pieceStart, wordEnd)) > maxTokens) {
        addPiece(text, pieceStart, pieceEnd, out);
        pieceStart = wordStart;
      }
      // A single "word" longer than the window (a URL, a blob): cut it by characters.
      while (tokenCounter.applyAsInt(text.substring(pieceStart, wordEnd)) > maxTokens) {
        int cut = longestFittingPrefix(text, pieceStart, wordEnd, maxTokens);
        addPiece(text, pieceStart, cut, out);
        pieceStart = cut;
      }
      pieceEnd = wordEnd;
    }
    if (pieceStart >= 0 && pieceStart < pieceEnd) {
      addPiece(text, pieceStart, pieceEnd, out);
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

  private void addPiece(String text, int start, int end, List<Piece> out) {
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      out.add(new Piece(new Span(start, end), tokenCounter.applyAsInt(text.substring(start, end))));
    }
  }

  private record Piece(Span span, int tokens) {}
}
