package dk.jobagent.ingest.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * W3C Trace Context without a tracing SDK (no collector to send spans to, and none of its start-up
 * or per-request cost): the caller's {@code traceparent} is continued when well-formed, else a
 * trace is started here. The request then carries that one value (so the stored request, its
 * command message and its receipt reply carry it), the response returns it, and the trace id is in
 * the logging MDC as {@value #MDC_KEY} while the request is handled, which puts it into every JSON
 * log line (profile json-logs) written for the call.
 *
 * <p>First of all filters, so that a refused call (401, 403) is traceable too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TraceContextFilter extends OncePerRequestFilter {

  static final String HEADER = "traceparent";
  static final String MDC_KEY = "traceId";

  // version 00 layout; version ff is invalid, an all-zero trace or parent id too
  private static final Pattern VALID =
      Pattern.compile(
          "^(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String traceparent = continueOrStart(request.getHeader(HEADER));
    response.setHeader(HEADER, traceparent);
    MDC.put(MDC_KEY, traceId(traceparent));
    try {
      chain.doFilter(new WithTraceparent(request, traceparent), response);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  static String continueOrStart(String incoming) {
    if (incoming != null) {
      String value = incoming.strip();
      if (VALID.matcher(value).matches()) {
        return value;
      }
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    byte[] trace = new byte[16];
    byte[] parent = new byte[8];
    random.nextBytes(trace);
    random.nextBytes(parent);
    trace[0] |= 1; // never all zeros
    parent[0] |= 1;
    HexFormat hex = HexFormat.of();
    return "00-" + hex.formatHex(trace) + "-" + hex.formatHex(parent) + "-01";
  }

  /** The 32 hex digits after the version: what ties log lines, messages and receipts together. */
  static String traceId(String traceparent) {
    return traceparent.substring(3, 35);
  }

  /** The request as the handlers see it: with the traceparent that this call continues. */
  private static final class WithTraceparent extends HttpServletRequestWrapper {

    private final String traceparent;

    WithTraceparent(HttpServletRequest request, String traceparent) {
      super(request);
      this.traceparent = traceparent;
    }

    @Override
    public String getHeader(String name) {
      return HEADER.equalsIgnoreCase(name) ? traceparent : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return HEADER.equalsIgnoreCase(name)
          ? Collections.enumeration(Set.of(traceparent))
          : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
      names.removeIf(HEADER::equalsIgnoreCase);
      names.add(HEADER);
      return Collections.enumeration(names);
    }
  }
}
