package dk.jobagent.worker;

import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.worker.enrolment.RuleDataLoader;
import dk.jobagent.worker.enrolment.RuleDataSet;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Test-only: a rule-data loader that throws for armed CPRs a given number of times. */
@TestConfiguration(proxyBeanMethods = false)
public class FaultInjection {

  @Bean
  @Primary
  FlakyRuleDataLoader flakyRuleDataLoader(@Qualifier("jdbcRuleDataLoader") RuleDataLoader real) {
    return new FlakyRuleDataLoader(real);
  }

  /** Delegates to the real loader unless a fault is armed for the CPR. */
  public static final class FlakyRuleDataLoader implements RuleDataLoader {

    private record Fault(AtomicInteger remaining, Supplier<RuntimeException> failure) {}

    private final RuleDataLoader real;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    FlakyRuleDataLoader(RuleDataLoader real) {
      this.real = real;
    }

    /** The next {@code times} loads for this CPR throw what {@code failure} supplies. */
    public void failNext(String cpr, int times, Supplier<RuntimeException> failure) {
      faults.put(cpr, new Fault(new AtomicInteger(times), failure));
    }

    /** How many times the rules' data was loaded for this CPR (i.e. attempts that got that far). */
    public int calls(String cpr) {
      AtomicInteger n = calls.get(cpr);
      return n == null ? 0 : n.get();
    }

    /** A batch fails when one of its citizens is armed, as a batched register read would. */
    @Override
    public RuleDataSet load(
        Collection<String> cprs, Collection<ProfessionType> professions, boolean targetOwners) {
      for (String cpr : cprs) {
        calls.computeIfAbsent(cpr, k -> new AtomicInteger()).incrementAndGet();
      }
      for (String cpr : cprs) {
        Fault fault = faults.get(cpr);
        if (fault != null && fault.remaining().getAndDecrement() > 0) {
          throw fault.failure().get();
        }
      }
      return real.load(cprs, professions, targetOwners);
    }
  }
}
