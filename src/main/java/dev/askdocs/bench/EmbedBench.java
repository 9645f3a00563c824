package dev.askdocs.bench;

import dev.askdocs.chunk.Chunker;
import dev.askdocs.chunk.SentenceSplitter;
import dev.askdocs.config.EmbeddingModelName;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.MiniLmEmbedder;
import dev.askdocs.embed.OnnxMiniLmEmbedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model alone: askdocs' batched ONNX embedder against LangChain4j's stock model classes, float
 * and quantized, on the same texts in alternating rounds: chunk-sized passages (ingest), short
 * sentences (the answerer's candidates) and single questions (answer-time latency).
 */
final class EmbedBench {
  private static final Logger LOG = LoggerFactory.getLogger(EmbedBench.class);

  private EmbedBench() {}

  static void run(BenchOptions o, BeirCorpus corpus, Results out) {
    int n = o.questions(384, 12);
    List<String> passages = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    SentenceSplitter splitter = new SentenceSplitter();
    Map<String, Embedder> models = new LinkedHashMap<>();
    try {
      models.put("ours", timedLoad(out, "embed.loadMs", () -> load(false, o.model())));
      models.put("stock", timedLoad(out, "embed.stockLoadMs", () -> load(true, o.model())));
      models.put("oursQ", load(false, EmbeddingModelName.ALL_MINILM_L6_V2_Q));
      models.put("stockQ", load(true, EmbeddingModelName.ALL_MINILM_L6_V2_Q));
      Embedder ours = models.get("ours");
      Chunker chunker = new Chunker(ours::countTokens, ours.maxTokens(), o.chunkOverlap());
      for (BeirCorpus.Document d : corpus.documents()) {
        String text = d.asFile();
        if (passages.size() < n) {
          chunker.split(d.id(), text, i -> null).forEach(c -> passages.add(c.text()));
        }
        if (sentences.size() < n) {
          splitter.split(d.text()).forEach(s -> sentences.add(s.of(d.text())));
        }
        if (passages.size() >= n && sentences.size() >= n) {
          break;
        }
      }
      List<String> questions = corpus.queries().subList(0, Math.min(n, corpus.queries().size()));
      List<String> p = passages.subList(0, Math.min(n, passages.size()));
      List<String> s = sentences.subList(0, Math.min(n, sentences.size()));
      models.values().forEach(m -> m.embedAll(p.subList(0, Math.min(8, p.size())))); // warm up
      Map<String, List<Double>> rates = new LinkedHashMap<>();
      for (int round = 0; round < o.rounds(); round++) {
        for (var e : models.entrySet()) {
          rates
              .computeIfAbsent(e.getKey() + ".passages", k -> new ArrayList<>())
              .add(rate(e.getValue(), p));
          rates
              .computeIfAbsent(e.getKey() + ".sentences", k -> new ArrayList<>())
              .add(rate(e.getValue(), s));
          rates
              .computeIfAbsent(e.getKey() + ".query", k -> new ArrayList<>())
              .addAll(latencies(e.getValue(), questions));
        }
        LOG.info("bench embed: round {} of {} done", round + 1, o.rounds());
      }
      out.put("embed.passages", p.size());
      out.put("embed.sentences", s.size());
      for (String m : models.keySet()) {
        String prefix = "embed." + m;
        out.put(prefix + ".passagesPerSec", Stats.median(rates.get(m + ".passages")));
        out.put(prefix + ".sentencesPerSec", Stats.median(rates.get(m + ".sentences")));
        out.put(prefix + ".queryP50Ms", Stats.median(rates.get(m + ".query")));
      }
      ratio(out, "embed.speedup.passages", rates, "ours.passages", "stock.passages");
      ratio(out, "embed.speedup.sentences", rates, "ours.sentences", "stock.sentences");
      ratio(out, "embed.speedup.quantizedPassages", rates, "oursQ.passages", "stockQ.passages");
      ratio(out, "embed.speedup.quantizedSentences", rates, "oursQ.sentences", "stockQ.sentences");
    } finally {
      models.values().forEach(Embedder::close);
    }
  }

  private static Embedder load(boolean stock, EmbeddingModelName model) {
    return stock ? MiniLmEmbedder.load(model) : OnnxMiniLmEmbedder.load(model);
  }

  private static Embedder timedLoad(Results out, String key, Supplier<Embedder> load) {
    long t0 = System.nanoTime();
    Embedder e = load.get();
    out.put(key, Stats.millis(System.nanoTime() - t0));
    return e;
  }

  /** Texts per second of one {@code embedAll} call over {@code texts}. */
  static double rate(Embedder model, List<String> texts) {
    long t0 = System.nanoTime();
    model.embedAll(texts);
    return texts.size() / ((System.nanoTime() - t0) / 1e9);
  }

  private static List<Double> latencies(Embedder model, List<String> texts) {
    List<Double> ms = new ArrayList<>(texts.size());
    for (String t : texts) {
      long t0 = System.nanoTime();
      model.embed(t);
      ms.add(Stats.millis(System.nanoTime() - t0));
    }
    return ms;
  }

  private static void ratio(
      Results out, String key, Map<String, List<Double>> rates, String ours, String theirs) {
    out.put(key, Stats.median(rates.get(ours)) / Stats.median(rates.get(theirs)));
  }
}
