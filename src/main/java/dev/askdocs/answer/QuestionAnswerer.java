package dev.askdocs.answer;

import dev.askdocs.index.ChunkFilter;
import dev.askdocs.llm.Deadline;
import dev.askdocs.retrieve.Retrieval;
import dev.askdocs.retrieve.RetrievalMode;
import dev.askdocs.retrieve.Retriever;
import dev.askdocs.retrieve.ScoredChunk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Retrieval then answering, timed: the path every front end (HTTP, CLI) asks through. */
public final class QuestionAnswerer {
  /** How many chunks of a table are read at most to answer from it. */
  private static final int TABLE_CHUNKS = 60;

  private final Retriever retriever;
  private final Answerer answerer;
  private final AnswerListener listener;

  public QuestionAnswerer(Retriever retriever, Answerer answerer) {
    this(retriever, answerer, AnswerListener.NONE);
  }

  /** Tells {@code listener} about every answer (for metrics). */
  public QuestionAnswerer(Retriever retriever, Answerer answerer, AnswerListener listener) {
    this.retriever = retriever;
    this.answerer = answerer;
    this.listener = listener;
  }

  /** Answers {@code question} from the {@code topK} best passages. */
  public Result ask(String question, int topK) {
    return ask(question, topK, ChunkFilter.NONE);
  }

  /** Answers {@code question} from the {@code topK} best passages that pass {@code filter}. */
  public Result ask(String question, int topK, ChunkFilter filter) {
    long t0 = System.nanoTime();
    Retrieval retrieval = retriever.retrieve(question, topK, RetrievalMode.HYBRID, filter);
    long t1 = System.nanoTime();
    Answer answer = answerer.answer(question, withTable(question, retrieval, filter));
    long t2 = System.nanoTime();
    return result(answer, retrieval, t0, t1, t2);
  }

  /**
   * Answers as {@link #ask(String, int)} does, telling {@code onRetrieval} what was found before
   * answering and giving {@code onText} the answer's text as it is written (see {@link
   * Answerer#answer(String, Retrieval, Deadline, Consumer)}).
   */
  public Result ask(
      String question,
      int topK,
      Deadline deadline,
      Consumer<Retrieval> onRetrieval,
      Consumer<String> onText) {
    return ask(question, topK, ChunkFilter.NONE, deadline, onRetrieval, onText);
  }

  /** The streaming {@link #ask}, from passages that pass {@code filter}. */
  public Result ask(
      String question,
      int topK,
      ChunkFilter filter,
      Deadline deadline,
      Consumer<Retrieval> onRetrieval,
      Consumer<String> onText) {
    long t0 = System.nanoTime();
    Retrieval retrieval = retriever.retrieve(question, topK, RetrievalMode.HYBRID, filter);
    long t1 = System.nanoTime();
    onRetrieval.accept(retrieval);
    Answer answer =
        answerer.answer(question, withTable(question, retrieval, filter), deadline, onText);
    long t2 = System.nanoTime();
    return result(answer, retrieval, t0, t1, t2);
  }

  /**
   * {@code retrieval} with the other chunks of the best passage's table after its passages, when
   * the answerer reads whole tables; searched within {@code filter}, so access control holds.
   */
  private Retrieval withTable(String question, Retrieval retrieval, ChunkFilter filter) {
    if (!answerer.readsWholeTables()
        || retrieval.passages().isEmpty()
        || !TableLookup.isTable(retrieval.passages().get(0).chunk())) {
      return retrieval;
    }
    String documentId = retrieval.passages().get(0).chunk().documentId();
    ChunkFilter table = filter.onlyDocument(documentId);
    List<ScoredChunk> passages = new ArrayList<>(retrieval.passages());
    Set<String> seen = new HashSet<>();
    passages.forEach(p -> seen.add(p.chunk().id()));
    for (ScoredChunk p :
        retriever.retrieve(question, TABLE_CHUNKS, RetrievalMode.HYBRID, table).passages()) {
      if (seen.add(p.chunk().id())) {
        passages.add(p);
      }
    }
    return new Retrieval(
        retrieval.question(),
        retrieval.queryVector(),
        passages,
        retrieval.termRarity(),
        retrieval.embedMs(),
        retrieval.searchMs());
  }

  private Result result(Answer answer, Retrieval retrieval, long t0, long t1, long t2) {
    Timings timings =
        new Timings(
            round(retrieval.embedMs()),
            round(retrieval.searchMs()),
            round((t2 - t1) / 1e6),
            round((t2 - t0) / 1e6));
    Result result = new Result(answer, retrieval, timings);
    listener.answered(result);
    return result;
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }

  /** The answer, what it was built from, and how long each stage took. */
  public record Result(Answer answer, Retrieval retrieval, Timings timings) {}

  /** Milliseconds per stage. */
  public record Timings(double embed, double retrieve, double answer, double total) {}
}
