package dk.jobagent.ingest.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AdmissionFilterTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AdmissionFilter filter = new AdmissionFilter(1, meters);

  @Test
  void aWriteBeyondTheLimitIsAnsweredAtOnceWith429ProblemAndRetryAfter() throws Exception {
    AtomicReference<MockHttpServletResponse> second = new AtomicReference<>();
    MockHttpServletResponse first = new MockHttpServletResponse();
    filter.doFilter(
        write("POST", "/v1/Jobagent"),
        first,
        (req, res) -> {
          // while the first write is being handled, a second one arrives
          MockHttpServletResponse r = new MockHttpServletResponse();
          MockFilterChain neverReached =
              new MockFilterChain() {
                @Override
                public void doFilter(
                    jakarta.servlet.ServletRequest q, jakarta.servlet.ServletResponse s) {
                  throw new AssertionError("a shed request must not reach the application");
                }
              };
          try {
            filter.doFilter(write("PUT", "/v1/UpdateJobagent"), r, neverReached);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          second.set(r);
        });

    assertThat(first.getStatus()).isEqualTo(200);
    MockHttpServletResponse shed = second.get();
    assertThat(shed.getStatus()).isEqualTo(429);
    assertThat(shed.getContentType()).isEqualTo("application/problem+json");
    assertThat(shed.getHeader("Retry-After")).isEqualTo("1");
    assertThat(shed.getContentAsString())
        .contains("\"status\":429")
        .contains("https://jobagent.dk/problems/overloaded");
    assertThat(meters.counter("jobagent.ingest.shed").count()).isEqualTo(1.0);
    assertThat(filter.available()).isEqualTo(1);
  }

  @Test
  void thePermitComesBackWhenTheApplicationFails() {
    assertThatThrownBy(
            () ->
                filter.doFilter(
                    write("DELETE", "/v1/Jobagent"),
                    new MockHttpServletResponse(),
                    (req, res) -> {
                      throw new ServletException("boom");
                    }))
        .isInstanceOf(ServletException.class);
    assertThat(filter.available()).isEqualTo(1);
  }

  @Test
  void readsAndOtherPathsAreNotCounted() throws Exception {
    for (MockHttpServletRequest request :
        new MockHttpServletRequest[] {
          write("GET", "/v1/Jobagent"),
          write("GET", "/v1/receipts/abc"),
          write("POST", "/v1/bulk-files"),
          write("GET", "/actuator/health/readiness")
        }) {
      MockFilterChain chain =
          new MockFilterChain() {
            @Override
            public void doFilter(
                jakarta.servlet.ServletRequest q, jakarta.servlet.ServletResponse s) {
              assertThat(filter.available()).as(request.getRequestURI()).isEqualTo(1);
            }
          };
      filter.doFilter(request, new MockHttpServletResponse(), chain);
    }
  }

  private static MockHttpServletRequest write(String method, String path) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.setRequestURI(path);
    return request;
  }
}
