package dk.jobagent.ingest.accept;

import dk.jobagent.ingest.web.ProblemWriter;
import dk.jobagent.ingest.web.Unavailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control for the writes (CreateJobagent, UpdateJobagent, DeleteJobagent): at most {@code
 * jobagent.ingest.max-in-flight} of them are handled at once; one more is answered at once with 429
 * problem+json and Retry-After, before its token, headers and body cost anything.
 *
 * <p>Why here and not only at the writer queue: every request in flight holds its parsed body, JSON
 * tree and a virtual thread's stack on the heap, and under overload they pile up before the queue
 * (CPU-starved parsing). With 2,048 clients and no bound, a 256 MB ingest-api ran out of memory
 * (faults/overload.sh); with the bound its memory does not depend on the offered load.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AdmissionFilter extends OncePerRequestFilter {

  private final Semaphore permits;
  private final Counter shed;
  private final ProblemWriter.Prepared refusal = ProblemWriter.prepare(Unavailable.overloaded());

  AdmissionFilter(
      @Value("${jobagent.ingest.max-in-flight:256}") int maxInFlight, MeterRegistry meters) {
    this.permits = new Semaphore(maxInFlight);
    this.shed =
        Counter.builder("jobagent.ingest.shed")
            .description("writes answered 429 at once because max-in-flight were being handled")
            .register(meters);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    if (!method.equals("POST") && !method.equals("PUT") && !method.equals("DELETE")) {
      return true;
    }
    String path = request.getRequestURI();
    return !path.equals("/v1/Jobagent") && !path.equals("/v1/UpdateJobagent");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!permits.tryAcquire()) {
      shed.increment();
      refusal.writeTo(response);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      permits.release();
    }
  }

  int available() {
    return permits.availablePermits();
  }
}
