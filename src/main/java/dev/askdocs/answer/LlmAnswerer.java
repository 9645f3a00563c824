package dev.askdocs.answer;

import dev.askdocs.llm.Deadline;
import dev.askdocs.llm.LlmClient;
import dev.askdocs.llm.LlmUnavailableException;
import dev.askdocs.llm.Prompts;
import dev.askdocs.retrieve.Retrieval;
import dev.askdocs.retrieve.ScoredChunk;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers in the language model's own words, from the retrieved passages only, and checks the
 * result before anyone relies on it: the model gets the passages numbered, with their titles,
 * between markers that say they are untrusted text; its {@code [n]} markers are checked ({@link
 * CitationVerifier}); sentences their sources don't support are listed in {@link
 * Answer#unsupportedClaims()}. The answer is replaced by the extractive answerer's, with a {@link
 * Answer#notice()} saying why, when the model can't be used (timeout, unreachable, errors after one
 * retry, the deadline) or when its answer has no valid citation or no supported claim. When the
 * model says the passages don't answer, so does the answer ({@code abstained}). Thread-safe.
 */
public final class LlmAnswerer implements Answerer {
  private static final Logger LOG = LoggerFactory.getLogger(LlmAnswerer.class);

  /** What the answer prompt asks the model to reply when the passages don't answer. */
  static final String NOT_IN_DOCUMENTS = "NOT_IN_DOCUMENTS";

  private static final Pattern ABSTAINS =
      Pattern.compile(
          "(?i).*\\b(not[ _]in[ _](the[ _])?documents|(do|does|did)(n't| not) (contain|answer|say|"
              + "mention|include|provide|specify|state)|(no|not enough) information|"
              + "(cannot|can't|unable to) (answer|find|determine|tell))\\b.*",
          Pattern.DOTALL);

  private final LlmClient client;
  private final Prompts prompts;
  private final CitationVerifier verifier;
  private final Answerer fallback;
  private final Duration deadline;
  private final AnswerListener listener;

  /**
   * @param fallback answers when the model can't, or answered without valid citations
   * @param deadline the longest {@link #answer(String, Retrieval)} waits on the model
   */
  public LlmAnswerer(
      LlmClient client, Prompts prompts, SupportCheck check, Answerer fallback, Duration deadline) {
    this(client, prompts, check, fallback, deadline, AnswerListener.NONE);
  }

  /** Tells {@code listener} why an answer fell back to {@code fallback} (for metrics). */
  public LlmAnswerer(
      LlmClient client,
      Prompts prompts,
      SupportCheck check,
      Answerer fallback,
      Duration deadline,
      AnswerListener listener) {
    this.listener = listener;
    this.client = client;
    this.prompts = prompts;
    this.verifier = new CitationVerifier(check);
    this.fallback = fallback;
    this.deadline = deadline;
  }

  @Override
  public Answer answer(String question, Retrieval retrieval) {
    return answer(question, retrieval, Deadline.after(deadline), null);
  }

  @Override
  public Answer answer(
      String question, Retrieval retrieval, Deadline until, Consumer<String> onText) {
    List<ScoredChunk> passages = retrieval.passages();
    if (passages.isEmpty()) {
      return stream(fallback, question, retrieval, until, onText);
    }
    String system = prompts.answerSystem().render(Map.of());
    String user =
        prompts
            .answerUser()
            .render(Map.of("question", question, "passages", PassageText.numbered(passages)));
    AtomicBoolean streamed = new AtomicBoolean();
    String written;
    try {
      written =
          onText == null
              ? client.complete(system, user, until)
              : client.stream(
                  system,
                  user,
                  until,
                  new SentinelFilter(
                      t -> {
                        streamed.set(true);
                        onText.accept(t);
                      }));
    } catch (LlmUnavailableException e) {
      LOG.info("answering extractively: {}", e.getMessage());
      listener.fellBack(e.failure().id());
      return replaced(
          question,
          retrieval,
          until,
          streamed.get() ? null : onText,
          "The language model " + e.failure().says() + ", so this answer quotes the documents.");
    }
    if (abstains(written)) {
      if (onText != null && !streamed.get()) {
        onText.accept(ExtractiveAnswerer.ABSTENTION);
      }
      return new Answer(
          ExtractiveAnswerer.ABSTENTION,
          true,
          List.of(),
          Quotes.seeAlso(passages),
          0,
          List.of(),
          null,
          Answer.LLM);
    }
    CitationVerifier.Verified v = verifier.verify(written, passages);
    if (v.citations().isEmpty()) {
      listener.fellBack("no_citations");
      return replaced(
          question,
          retrieval,
          until,
          streamed.get() ? null : onText,
          "The language model's answer cited none of the passages it was given, so this answer"
              + " quotes the documents.");
    }
    if (v.supportedClaims() == 0) {
      listener.fellBack("unsupported");
      return replaced(
          question,
          retrieval,
          until,
          streamed.get() ? null : onText,
          "The passages the language model cited don't support its answer, so this answer quotes"
              + " the documents.");
    }
    String notice =
        v.unsupportedClaims().isEmpty()
            ? null
            : v.unsupportedClaims().size() == 1
                ? "One statement in this answer is not supported by the passage it cites."
                : v.unsupportedClaims().size()
                    + " statements in this answer are not supported by the passages they cite.";
    return new Answer(
        v.text(),
        false,
        v.citations(),
        List.of(),
        v.confidence(),
        v.unsupportedClaims(),
        notice,
        Answer.LLM);
  }

  private Answer replaced(
      String question,
      Retrieval retrieval,
      Deadline until,
      Consumer<String> onText,
      String notice) {
    return stream(fallback, question, retrieval, until, onText).withNotice(notice);
  }

  private static Answer stream(
      Answerer answerer,
      String question,
      Retrieval retrieval,
      Deadline until,
      Consumer<String> onText) {
    return onText == null
        ? answerer.answer(question, retrieval)
        : answerer.answer(question, retrieval, until, onText);
  }

  /** True when the model said the passages don't answer, and cited nothing for it. */
  static boolean abstains(String written) {
    String t = written.strip();
    if (t.toUpperCase(Locale.ROOT).replace(' ', '_').contains(NOT_IN_DOCUMENTS)) {
      return true;
    }
    return !t.matches("(?s).*\\[\\s*\\d+.*") && t.length() < 400 && ABSTAINS.matcher(t).matches();
  }
}
