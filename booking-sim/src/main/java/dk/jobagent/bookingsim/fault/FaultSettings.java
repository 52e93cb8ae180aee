package dk.jobagent.bookingsim.fault;

import dk.jobagent.bookingsim.web.ProblemException;
import dk.jobagent.bookingsim.web.ProblemType;

/** The faults injected into /v1 calls; the body of PUT /admin/faults (absent members are 0). */
public record FaultSettings(
    long latencyMs, long latencyJitterMs, double failureRate, double resetRate, Long seed) {

  static final long MAX_LATENCY_MS = 600_000;

  public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, null);

  void validate() {
    StringBuilder problems = new StringBuilder();
    if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
      problems.append("latencyMs must be 0..").append(MAX_LATENCY_MS).append("; ");
    }
    if (latencyJitterMs < 0 || latencyJitterMs > MAX_LATENCY_MS) {
      problems.append("latencyJitterMs must be 0..").append(MAX_LATENCY_MS).append("; ");
    }
    if (!(failureRate >= 0 && failureRate <= 1)) {
      problems.append("failureRate must be 0..1; ");
    }
    if (!(resetRate >= 0 && resetRate <= 1)) {
      problems.append("resetRate must be 0..1; ");
    }
    if (failureRate + resetRate > 1) {
      problems.append("failureRate + resetRate must not exceed 1; ");
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, problems.toString().strip());
    }
  }

  boolean any() {
    return latencyMs > 0 || latencyJitterMs > 0 || failureRate > 0 || resetRate > 0;
  }
}
