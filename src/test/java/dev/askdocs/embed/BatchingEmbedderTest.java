package dev.askdocs.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingEmbedderTest {
  /**
   * A model whose vector encodes the text ({@code text.hashCode()}), whose single-text runs wait
   * for {@link #release} while {@link #hold} is set, and which records every call.
   */
  static final class GateEmbedder implements Embedder {
    final List<String> singles = Collections.synchronizedList(new ArrayList<>());
    final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);
    volatile boolean hold;
    volatile RuntimeException failBatches;
    boolean keepsVectors = true;

    @Override
    public ModelInfo model() {
      return new ModelInfo("gate", 1, 10);
    }

    @Override
    public int countTokens(String text) {
      return text.length();
    }

    @Override
    public float[] embed(String text) {
      singles.add(text);
      if (hold) {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return vector(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      batches.add(List.copyOf(texts));
      if (failBatches != null) {
        throw failBatches;
      }
      return texts.stream().map(GateEmbedder::vector).toList();
    }

    @Override
    public boolean batchKeepsVectors() {
      return keepsVectors;
    }

    @Override
    public void close() {}

    static float[] vector(String text) {
      return new float[] {text.hashCode()};
    }
  }

  private final ExecutorService callers = Executors.newFixedThreadPool(9);

  @AfterEach
  void stop() throws InterruptedException {
    callers.shutdownNow();
    callers.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void should_run_a_lone_text_at_once_on_its_own() {
    GateEmbedder model = new GateEmbedder();
    BatchingEmbedder batching = new BatchingEmbedder(model, 1, 32);

    assertThat(batching.embed("alone")).containsExactly(GateEmbedder.vector("alone"));
    assertThat(model.singles).containsExactly("alone");
    assertThat(model.batches).isEmpty();
  }

  @Test
  void should_batch_texts_that_queued_while_the_model_was_busy_and_give_each_its_own_vector()
      throws Exception {
    GateEmbedder model = new GateEmbedder();
    BatchingEmbedder batching = new BatchingEmbedder(model, 1, 32);
    model.hold = true;
    Future<float[]> first = callers.submit(() -> batching.embed("first"));
    assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();
    List<Future<float[]>> queued = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String text = "question " + i;
      queued.add(callers.submit(() -> batching.embed(text)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> batching.queued() == 8);
    model.hold = false;
    model.release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).containsExactly(GateEmbedder.vector("first"));
    for (int i = 0; i < 8; i++) {
      assertThat(queued.get(i).get(10, TimeUnit.SECONDS))
          .containsExactly(GateEmbedder.vector("question " + i));
    }
    assertThat(model.singles).containsExactly("first");
    assertThat(model.batches).hasSize(1);
    assertThat(model.batches.get(0)).hasSize(8).allMatch(t -> t.startsWith("question "));
  }

  @Test
  void should_cut_batches_at_the_maximum() throws Exception {
    GateEmbedder model = new GateEmbedder();
    BatchingEmbedder batching = new BatchingEmbedder(model, 1, 3);
    model.hold = true;
    Future<float[]> first = callers.submit(() -> batching.embed("first"));
    assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();
    List<Future<float[]>> queued = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String text = "q" + i;
      queued.add(callers.submit(() -> batching.embed(text)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> batching.queued() == 7);
    model.hold = false;
    model.release.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (int i = 0; i < 7; i++) {
      assertThat(queued.get(i).get(10, TimeUnit.SECONDS))
          .containsExactly(GateEmbedder.vector("q" + i));
    }

    assertThat(model.batches).allMatch(b -> b.size() <= 3);
    assertThat(model.batches.stream().mapToInt(List::size).sum() + model.singles.size() - 1)
        .isEqualTo(7);
  }

  @Test
  void should_fail_every_caller_of_a_failed_run() throws Exception {
    GateEmbedder model = new GateEmbedder();
    BatchingEmbedder batching = new BatchingEmbedder(model, 1, 32);
    model.failBatches = new IllegalStateException("model broke");
    model.hold = true;
    Future<float[]> first = callers.submit(() -> batching.embed("first"));
    assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();
    Future<float[]> a = callers.submit(() -> batching.embed("a"));
    Future<float[]> b = callers.submit(() -> batching.embed("b"));
    await().atMost(Duration.ofSeconds(10)).until(() -> batching.queued() == 2);
    model.hold = false;
    model.release.countDown();

    first.get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> a.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("model broke");
    assertThatThrownBy(() -> b.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("model broke");
  }

  @Test
  void should_not_wrap_a_model_whose_vectors_depend_on_the_batch() {
    GateEmbedder model = new GateEmbedder();
    model.keepsVectors = false;

    assertThat(BatchingEmbedder.over(model, 2, 32)).isSameAs(model);
    GateEmbedder batchable = new GateEmbedder();
    assertThat(BatchingEmbedder.over(batchable, 2, 32)).isInstanceOf(BatchingEmbedder.class);
  }

  @Test
  void should_refuse_texts_once_closed() {
    BatchingEmbedder batching = new BatchingEmbedder(new GateEmbedder(), 1, 32);
    batching.close();

    assertThatThrownBy(() -> batching.embed("late")).hasMessageContaining("closed");
  }
}
