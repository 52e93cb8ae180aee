package dk.jobagent.ingest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Synthetic CPR numbers (day 01–28, valid month, made-up digits), unique within the run. Every one
 * handed out is remembered so that {@link LogMaskingTest} can prove none reached the logs in full.
 */
public final class TestCprs {

  private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger COUNTER =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(100_000));

  private TestCprs() {}

  public static String next() {
    int n = COUNTER.getAndIncrement();
    int day = 1 + (n % 28);
    int month = 1 + ((n / 28) % 12);
    int year = (n / 336) % 100;
    int serial = ThreadLocalRandom.current().nextInt(10_000);
    String cpr = "%02d%02d%02d%04d".formatted(day, month, year, serial);
    if (!ISSUED.add(cpr)) {
      return next();
    }
    return cpr;
  }

  static Set<String> issued() {
    return Set.copyOf(ISSUED);
  }
}
