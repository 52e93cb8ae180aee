package dk.jobagent.worker.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FileQueueTest {

  @Test
  void aFileBeyondTheLimitWaitsWithoutBlockingTheCaller() throws Exception {
    FileQueue queue = new FileQueue(1);
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch secondRan = new CountDownLatch(1);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();

    queue.execute(
        () -> {
          maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
          firstRunning.countDown();
          try {
            releaseFirst.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          concurrent.decrementAndGet();
        });
    assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    queue.execute(
        () -> {
          maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
          concurrent.decrementAndGet();
          secondRan.countDown();
        });
    // handed over at once although the first file still holds the only slot
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(2);
    assertThat(secondRan.await(300, TimeUnit.MILLISECONDS)).isFalse();

    releaseFirst.countDown();
    assertThat(secondRan.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(maxConcurrent.get()).isEqualTo(1);
  }

  @Test
  void upToTheLimitFilesRunSideBySide() throws Exception {
    FileQueue queue = new FileQueue(2);
    CountDownLatch bothRunning = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < 2; i++) {
      queue.execute(
          () -> {
            bothRunning.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    assertThat(bothRunning.await(5, TimeUnit.SECONDS)).isTrue();
    release.countDown();
  }
}
