package dev.askdocs.eval;

import dev.askdocs.config.Config;
import java.nio.file.Path;
import java.util.List;

/**
 * What an evaluation run does.
 *
 * @param split BEIR qrels split (test, train, dev) or the SQuAD article split (dev, test)
 * @param limit questions sampled (seeded); 0 for all
 * @param corpusLimit BEIR documents kept (every judged document of the sampled queries, plus a
 *     seeded sample of the rest); 0 for all
 * @param modes retrieval modes to report, plus {@code peer} for the naive LangChain4j pipeline
 * @param holdoutFraction SQuAD: share of the split's articles removed from the index, whose
 *     questions should be abstained on
 * @param workDir where the temporary corpus and index go
 * @param answers SQuAD: also evaluate the answerer (slower than retrieval alone)
 */
public record EvalOptions(
    Config config,
    String split,
    int limit,
    int corpusLimit,
    long seed,
    List<String> modes,
    double holdoutFraction,
    Path workDir,
    boolean answers) {

  /**
   * The deployment an evaluation opens: {@link #config()} over {@code corpus}, indexed into the
   * work folder; with {@code everyAnswer}, no abstention, so that the answerer's own confidence can
   * be measured against every threshold afterwards.
   */
  public Config deployment(Path corpus, boolean everyAnswer) {
    var b =
        config.toBuilder()
            .set(Config.CORPUS_DIR, corpus)
            .set(Config.INDEX_DIR, workDir.resolve("index"));
    return (everyAnswer ? b.set(Config.ABSTAIN_THRESHOLD, 0) : b).build();
  }
}
