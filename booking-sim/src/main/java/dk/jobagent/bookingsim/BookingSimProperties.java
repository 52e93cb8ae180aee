package dk.jobagent.bookingsim;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code booking-sim.*}: where the start-up data comes from and which faults to inject from the
 * start (both changeable at runtime through /admin).
 *
 * @param dataDir a directory path, or a Spring resource location ({@code classpath:…}, {@code
 *     file:…}); the default is the demo set bundled in the jar (copied from demo-data/booking)
 * @param faults faults injected into /v1 calls from start-up
 */
@ConfigurationProperties("booking-sim")
public record BookingSimProperties(
    @DefaultValue("classpath:demo-data/booking") String dataDir, @DefaultValue Faults faults) {

  /**
   * @param latencyMs fixed delay added to each /v1 call
   * @param latencyJitterMs extra uniformly random delay 0..jitter
   * @param failureRate share of /v1 calls answered 503 (0..1)
   * @param resetRate share of /v1 calls whose connection is closed abruptly (0..1)
   * @param seed seeds the fault dice for reproducible runs; absent = random
   */
  public record Faults(
      @DefaultValue("0") long latencyMs,
      @DefaultValue("0") long latencyJitterMs,
      @DefaultValue("0") double failureRate,
      @DefaultValue("0") double resetRate,
      Long seed) {}
}
