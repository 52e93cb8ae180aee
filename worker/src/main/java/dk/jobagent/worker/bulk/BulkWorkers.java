package dk.jobagent.worker.bulk;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The threads that parse, check and serialise a chunk's lines in parallel, shared by all running
 * files. Deliberately not an {@code Executor} bean: one would make Spring Boot drop its own
 * application task executor.
 */
@Component
class BulkWorkers implements DisposableBean {

  private final ForkJoinPool pool;

  BulkWorkers(BulkProperties properties) {
    this.pool = new ForkJoinPool(Math.max(1, properties.threads()));
  }

  /** Maps the items in parallel, keeping their order. */
  <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f) {
    if (items.size() < 64) {
      return items.stream().<R>map(f).toList();
    }
    return pool.submit(() -> items.parallelStream().<R>map(f).toList()).join();
  }

  @Override
  public void destroy() {
    pool.shutdown();
  }
}
