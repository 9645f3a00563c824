package dev.askdocs.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    pool.shutdownNow();
  }

  /** Occupies one slot of {@code limiter} until the test releases it. */
  private Future<String> hold(ConcurrencyLimiter limiter, CountDownLatch started) {
    return pool.submit(
        () ->
            limiter.call(
                () -> {
                  started.countDown();
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return "done";
                }));
  }

  @Test
  void refuses_at_once_when_every_slot_and_every_waiting_place_is_taken() throws Exception {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, 0, Duration.ofSeconds(10));
    CountDownLatch started = new CountDownLatch(1);
    Future<String> running = hold(limiter, started);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> limiter.call(() -> "x")).isInstanceOf(OverloadedException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    release.countDown();
    assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("done");
    assertThat(limiter.call(() -> "free again")).isEqualTo("free again");
  }

  @Test
  void a_waiting_call_runs_when_a_slot_frees_and_gives_up_after_the_wait_limit() throws Exception {
    ConcurrencyLimiter patient = new ConcurrencyLimiter(1, 1, Duration.ofSeconds(10));
    CountDownLatch started = new CountDownLatch(1);
    hold(patient, started);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    Future<String> waiter = pool.submit(() -> patient.call(() -> "waited"));
    await().atMost(Duration.ofSeconds(5)).until(() -> patient.waiting() == 1);
    assertThat(waiter).isNotDone();
    release.countDown();
    assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo("waited");

    ConcurrencyLimiter hasty = new ConcurrencyLimiter(1, 1, Duration.ofMillis(50));
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch forever = new CountDownLatch(1);
    pool.submit(
        () ->
            hasty.call(
                () -> {
                  busy.countDown();
                  try {
                    forever.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return "";
                }));
    assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> hasty.call(() -> "late")).isInstanceOf(OverloadedException.class);
    forever.countDown();
  }

  @Test
  void a_failing_call_gives_its_slot_back() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, 0, Duration.ZERO);
    assertThatThrownBy(
            () ->
                limiter.call(
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(limiter.call(() -> "ok")).isEqualTo("ok");
  }

  @Test
  void a_permit_is_given_back_once_however_often_and_wherever_it_is_closed() throws Exception {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, 0, Duration.ZERO);
    ConcurrencyLimiter.Permit permit = limiter.admit();
    assertThatThrownBy(limiter::admit).isInstanceOf(OverloadedException.class);
    // Handed to another thread, as a Slack answer is, and closed there twice.
    pool.submit(
            () -> {
              permit.close();
              permit.close();
            })
        .get(5, TimeUnit.SECONDS);
    ConcurrencyLimiter.Permit next = limiter.admit();
    assertThatThrownBy(limiter::admit)
        .as("the second close did not free a second slot")
        .isInstanceOf(OverloadedException.class);
    next.close();
  }

  @Test
  void a_caller_with_its_own_deadline_waits_no_longer_than_it_asked() throws Exception {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, 1, Duration.ofMinutes(10));
    try (ConcurrencyLimiter.Permit taken = limiter.admit()) {
      Future<?> hasty = pool.submit(() -> limiter.admit(Duration.ofMillis(100)));
      // Refused after its own 100 ms, long before the limiter's ten minutes.
      assertThatThrownBy(() -> hasty.get(60, TimeUnit.SECONDS))
          .hasCauseInstanceOf(OverloadedException.class);
    }
  }
}
