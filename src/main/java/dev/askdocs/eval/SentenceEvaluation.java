package dev.askdocs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.chunk.SentenceSplitter;
import dev.askdocs.embed.Embedder;
import dev.askdocs.retrieve.RetrievalMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Answer-sentence selection: how well the production sentence scorer ranks a question's candidate
 * sentences (MAP, MRR), next to the embedding cosine alone. The set is a JSONL file of {@code
 * {"question", "sentences", "labels"}} lines, or is derived from SQuAD: the sentences of each
 * question's gold paragraph, labelled 1 where a sentence contains a gold answer. The term rarity
 * the scorer uses comes from an index of the same texts, as in production.
 */
final class SentenceEvaluation {
  record Item(String question, List<String> sentences, List<Integer> labels) {}

  private SentenceEvaluation() {}

  static Map<String, Object> run(Path dataset, EvalOptions o, Deployment.Opener deployments)
      throws IOException {
    List<Item> items;
    EvalCorpus corpus = new EvalCorpus(o.workDir().resolve("corpus"));
    if (SquadDataset.looksLike(dataset)) {
      items = fromSquad(SquadDataset.load(dataset), o, corpus);
    } else {
      items = fromJsonl(dataset, corpus);
    }
    Collections.shuffle(items, new Random(o.seed()));
    if (o.limit() > 0 && o.limit() < items.size()) {
      items = items.subList(0, o.limit());
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("dataset", dataset.toString());
    report.put("questions", items.size());
    try (Deployment app = deployments.open(o.deployment(corpus.dir(), false))) {
      app.ingest(corpus.dir());
      Embedder embedder = app.embedder();
      double apScorer = 0;
      double rrScorer = 0;
      double apCosine = 0;
      double rrCosine = 0;
      for (Item it : items) {
        float[] q = embedder.embed(it.question());
        Map<String, Double> rarity =
            app.retriever().retrieve(it.question(), 1, RetrievalMode.BM25).termRarity();
        List<Double> scores =
            app.extractiveAnswerer().scoreSentences(it.question(), q, it.sentences(), rarity);
        List<float[]> vectors = embedder.embedAll(it.sentences());
        List<Double> cosines = vectors.stream().map(v -> Embedder.cosine(q, v)).toList();
        List<Integer> byScorer = labelsRankedBy(it.labels(), scores);
        List<Integer> byCosine = labelsRankedBy(it.labels(), cosines);
        apScorer += Metrics.averagePrecision(byScorer);
        rrScorer += reciprocalRank(byScorer);
        apCosine += Metrics.averagePrecision(byCosine);
        rrCosine += reciprocalRank(byCosine);
      }
      int n = Math.max(1, items.size());
      report.put(
          "scorer",
          Map.of(
              "map",
              BeirEvaluation.round(apScorer / n),
              "mrr",
              BeirEvaluation.round(rrScorer / n)));
      report.put(
          "cosine",
          Map.of(
              "map",
              BeirEvaluation.round(apCosine / n),
              "mrr",
              BeirEvaluation.round(rrCosine / n)));
    }
    return report;
  }

  private static List<Integer> labelsRankedBy(List<Integer> labels, List<Double> scores) {
    return IntStream.range(0, labels.size())
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> scores.get(i)).reversed())
        .map(labels::get)
        .toList();
  }

  private static double reciprocalRank(List<Integer> ranked) {
    for (int i = 0; i < ranked.size(); i++) {
      if (ranked.get(i) > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  private static List<Item> fromSquad(SquadDataset data, EvalOptions o, EvalCorpus corpus)
      throws IOException {
    SentenceSplitter splitter = new SentenceSplitter();
    List<Item> items = new ArrayList<>();
    EvalOptions noHoldout =
        new EvalOptions(o.config(), o.split(), 0, 0, o.seed(), o.modes(), 0, o.workDir(), false);
    java.util.Set<Integer> split = new java.util.HashSet<>();
    SquadSplits.articles(data, noHoldout.split()).forEach(a -> split.add(a.index()));
    for (SquadDataset.Article a : data.articles()) {
      for (SquadDataset.Paragraph p : a.paragraphs()) {
        corpus.add(p.id(), a.title(), p.context());
        if (!split.contains(a.index())) {
          continue;
        }
        List<String> sentences =
            splitter.split(p.context()).stream().map(s -> s.of(p.context())).toList();
        for (SquadDataset.Qa qa : p.questions()) {
          List<Integer> labels =
              sentences.stream().map(s -> SquadText.containsAny(s, qa.answers()) ? 1 : 0).toList();
          if (sentences.size() > 1 && labels.contains(1)) {
            items.add(new Item(qa.question(), sentences, labels));
          }
        }
      }
    }
    return items;
  }

  private static List<Item> fromJsonl(Path file, EvalCorpus corpus) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Item> items = new ArrayList<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(line);
      List<String> sentences = new ArrayList<>();
      n.get("sentences").forEach(s -> sentences.add(s.asText()));
      List<Integer> labels = new ArrayList<>();
      n.get("labels").forEach(l -> labels.add(l.asInt()));
      items.add(new Item(n.get("question").asText(), sentences, labels));
      String text = String.join(" ", sentences);
      if (seen.putIfAbsent(text, true) == null) {
        corpus.add("s" + seen.size(), "", text);
      }
    }
    return items;
  }
}
