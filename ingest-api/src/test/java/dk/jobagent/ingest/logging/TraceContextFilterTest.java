package dk.jobagent.ingest.logging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dk.jobagent.testing.AppLogging;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #7: a log line written while a request is handled carries the request's trace id in the
 * MDC, and this app's JSON log layout (profile json-logs) writes it; after the request the MDC is
 * clean again.
 */
class TraceContextFilterTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  private final Logger logger = (Logger) LoggerFactory.getLogger("dk.jobagent.ingest.trace-test");
  private final ListAppender<ILoggingEvent> captured =
      new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
          event.prepareForDeferredProcessing(); // takes the MDC as it is now
          super.append(event);
        }
      };
  private final LoggerContext jsonContext = new LoggerContext();

  @BeforeEach
  void capture() {
    captured.start();
    logger.addAppender(captured);
  }

  @AfterEach
  void release() {
    logger.detachAppender(captured);
    jsonContext.stop();
  }

  @Test
  void aLineLoggedWhileTheRequestIsHandledCarriesTheCallersTraceId() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/Jobagent");
    request.addHeader("traceparent", TRACEPARENT);
    MockHttpServletResponse response = new MockHttpServletResponse();

    new TraceContextFilter().doFilter(request, response, (req, res) -> logger.info("handling"));

    assertThat(captured.list).hasSize(1);
    ILoggingEvent line = captured.list.getFirst();
    assertThat(line.getMDCPropertyMap()).containsEntry("traceId", TRACE_ID);
    assertThat(MDC.get("traceId")).isNull();
    assertThat(response.getHeader("traceparent")).isEqualTo(TRACEPARENT);
    JsonNode json = JsonMapper.builder().build().readTree(jsonLogLine(line));
    assertThat(json.path("traceId").asString()).isEqualTo(TRACE_ID);
    assertThat(json.path("message").asString()).isEqualTo("handling");
  }

  @Test
  void withoutATraceparentTheStartedOneIsWhatTheHandlersSeeLogAndAnswer() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/Jobagent");
    MockHttpServletResponse response = new MockHttpServletResponse();
    AtomicReference<String> seen = new AtomicReference<>();

    new TraceContextFilter()
        .doFilter(
            request,
            response,
            (req, res) -> {
              seen.set(((jakarta.servlet.http.HttpServletRequest) req).getHeader("TraceParent"));
              logger.info("handling");
            });

    String answered = response.getHeader("traceparent");
    assertThat(answered).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    assertThat(seen.get()).isEqualTo(answered);
    assertThat(captured.list.getFirst().getMDCPropertyMap())
        .containsEntry("traceId", answered.substring(3, 35));
    assertThat(MDC.get("traceId")).isNull();
  }

  @Test
  void malformedOrInvalidTraceparentsStartANewTrace() {
    for (String bad :
        new String[] {
          "",
          "garbage",
          "00-" + TRACE_ID + "-00f067aa0ba902b7", // no flags
          "00-" + TRACE_ID.toUpperCase() + "-00f067aa0ba902b7-01",
          "ff-" + TRACE_ID + "-00f067aa0ba902b7-01",
          "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01",
          "00-" + TRACE_ID + "-" + "0".repeat(16) + "-01"
        }) {
      String started = TraceContextFilter.continueOrStart(bad);
      assertThat(started).as(bad).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").isNotEqualTo(bad);
    }
    assertThat(TraceContextFilter.continueOrStart(" " + TRACEPARENT + " ")).isEqualTo(TRACEPARENT);
  }

  /** The line as the CONSOLE appender of this app's logback-spring.xml writes it in json-logs. */
  private String jsonLogLine(ILoggingEvent event) throws Exception {
    return new String(AppLogging.consoleEncoder(jsonContext, "json-logs").encode(event), UTF_8);
  }
}
