package dk.jobagent.bookingsim.fault;

import dk.jobagent.bookingsim.web.ProblemType;
import dk.jobagent.bookingsim.web.Problems;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.ObjectMapper;

/**
 * Injects the configured faults into the booking API (/v1/…) only; /admin and /actuator stay
 * reliable so that a demo can always switch faults off again. A Tomcat valve rather than a servlet
 * filter because only the container can drop a connection without answering: a filter can at best
 * break off a response it has already started.
 */
class FaultInjectionValve extends ValveBase {

  private final FaultInjector injector;
  private final ObjectMapper json;

  FaultInjectionValve(FaultInjector injector, ObjectMapper json) {
    super(true);
    this.injector = injector;
    this.json = json;
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    if (!request.getDecodedRequestURI().startsWith("/v1/")) {
      getNext().invoke(request, response);
      return;
    }
    FaultInjector.Decision decision = injector.decide();
    if (decision.delayMs() > 0) {
      try {
        Thread.sleep(decision.delayMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while injecting latency", e);
      }
    }
    switch (decision.outcome()) {
      case PASS -> getNext().invoke(request, response);
      case FAIL_503 -> fail(response);
      // Close the socket at once, nothing written: the client sees the connection die.
      case RESET -> response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
    }
  }

  private void fail(Response response) throws IOException {
    ProblemDetail body =
        Problems.of(ProblemType.INJECTED_FAILURE, 503, "injected failure (admin faults)", Map.of());
    byte[] bytes = json.writeValueAsBytes(body);
    response.setStatus(503);
    response.setHeader("Retry-After", "1");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
