package dev.askdocs.eval;

import dev.askdocs.BadInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * SQuAD's articles split in two by a fixed seed: {@code dev} for development and tuning, {@code
 * test} for reporting; {@code all} for both.
 */
final class SquadSplits {
  private static final long SPLIT_SEED = 20261128L;

  private SquadSplits() {}

  static List<SquadDataset.Article> articles(SquadDataset data, String split) {
    if (split.equals("all")) {
      return data.articles();
    }
    List<SquadDataset.Article> shuffled = new ArrayList<>(data.articles());
    Collections.shuffle(shuffled, new Random(SPLIT_SEED));
    int half = shuffled.size() / 2;
    return switch (split) {
      case "dev" -> List.copyOf(shuffled.subList(0, half));
      case "test" -> List.copyOf(shuffled.subList(half, shuffled.size()));
      default ->
          throw new BadInputException("bad_value", "split", "SQuAD splits are dev, test and all");
    };
  }
}
