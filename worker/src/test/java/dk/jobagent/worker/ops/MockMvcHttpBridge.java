package dk.jobagent.worker.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A real HTTP port in front of the module's shared test context. That context runs in Spring's mock
 * web environment (one cached context for the whole module, so no second set of listeners), so it
 * has no port of its own; this bridge accepts real HTTP on 127.0.0.1 and hands each request to
 * MockMvc, i.e. through the worker's real security filter chain, controllers and error handling.
 * Only the socket is a test double: what {@code bin/jobagent} sends and prints is real.
 */
final class MockMvcHttpBridge implements AutoCloseable {

  private static final Set<String> HOP_HEADERS =
      Set.of("host", "content-length", "connection", "transfer-encoding");

  private final MockMvc mvc;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  MockMvcHttpBridge(MockMvc mvc) throws IOException {
    this.mvc = mvc;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** e.g. {@code http://127.0.0.1:41234} */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      URI uri = URI.create(url() + exchange.getRequestURI().toString());
      MockHttpServletRequestBuilder request =
          MockMvcRequestBuilders.request(HttpMethod.valueOf(exchange.getRequestMethod()), uri)
              .content(body);
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                  values.forEach(v -> request.header(name, v));
                }
              });
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType != null) {
        request.contentType(contentType);
      }
      MockHttpServletResponse response;
      try {
        response = mvc.perform(request).andReturn().getResponse();
      } catch (Exception e) {
        byte[] error = ("bridge: " + e).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(500, error.length);
        exchange.getResponseBody().write(error);
        return;
      }
      for (String name : response.getHeaderNames()) {
        response.getHeaders(name).forEach(v -> exchange.getResponseHeaders().add(name, v));
      }
      if (response.getContentType() != null) {
        exchange.getResponseHeaders().set("Content-Type", response.getContentType());
      }
      byte[] out = response.getContentAsByteArray();
      exchange.sendResponseHeaders(response.getStatus(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
