package dk.jobagent.ingest.badinput;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends probes to the running server with modest concurrency over one shared {@link HttpClient}
 * (HTTP/1.1, connections reused); a probe whose bytes the client refuses to send (control
 * characters in a header, restricted headers) and every raw probe go over a plain socket.
 */
final class ProbeRunner {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(20))
          .build();

  private final int port;
  private final int threads;
  private final Map<String, long[]> nanosByKind = new java.util.concurrent.ConcurrentHashMap<>();

  ProbeRunner(int port, int threads) {
    this.port = port;
    this.threads = threads;
  }

  /**
   * CPU time this JVM used so far (the server, the client and the rest): what a test costs on a
   * machine whose load makes wall-clock times say little.
   */
  static long processCpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1_000_000;
  }

  /** Every probe's answer, in probe order. */
  List<RawHttp.Answer> run(List<Probe> probes) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<RawHttp.Answer>> futures = new ArrayList<>(probes.size());
      for (Probe p : probes) {
        futures.add(pool.submit(() -> timed(p)));
      }
      List<RawHttp.Answer> answers = new ArrayList<>(probes.size());
      for (Future<RawHttp.Answer> f : futures) {
        answers.add(f.get());
      }
      return answers;
    }
  }

  private RawHttp.Answer timed(Probe p) throws IOException, InterruptedException {
    long start = System.nanoTime();
    try {
      return send(p);
    } finally {
      long[] total = nanosByKind.computeIfAbsent(p.kind(), k -> new long[1]);
      synchronized (total) {
        total[0] += System.nanoTime() - start;
      }
    }
  }

  /** Wall-clock time spent waiting for answers, per probe kind, in ms (summed over threads). */
  Map<String, Long> millisByKind() {
    Map<String, Long> ms = new java.util.TreeMap<>();
    nanosByKind.forEach((k, v) -> ms.put(k, v[0] / 1_000_000));
    return ms;
  }

  RawHttp.Answer send(Probe p) throws IOException, InterruptedException {
    if (p.raw() != null) {
      return RawHttp.exchange(port, p.raw());
    }
    if (!plainAscii(p)) {
      // HttpClient would replace these characters with '?': send the bytes themselves
      return RawHttp.exchange(port, rawBytes(p));
    }
    HttpRequest request;
    try {
      request = build(p);
    } catch (IllegalArgumentException refused) {
      return RawHttp.exchange(port, rawBytes(p));
    }
    HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    Map<String, String> headers = new LinkedHashMap<>();
    r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
    return new RawHttp.Answer(r.statusCode(), headers, r.body());
  }

  private static boolean plainAscii(Probe p) {
    for (String[] h : p.headers()) {
      for (int i = 0; i < h[1].length(); i++) {
        char c = h[1].charAt(i);
        if (c > 0x7e || (c < 0x20 && c != '\t')) {
          return false;
        }
      }
    }
    return true;
  }

  private HttpRequest build(Probe p) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + p.path()))
            .timeout(Duration.ofSeconds(60));
    for (String[] h : p.headers()) {
      b.header(h[0], h[1]);
    }
    HttpRequest.BodyPublisher body;
    if (p.body() == null) {
      body = HttpRequest.BodyPublishers.noBody();
    } else if (p.chunked()) {
      body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(p.body()));
    } else {
      body = HttpRequest.BodyPublishers.ofByteArray(p.body());
    }
    return b.method(p.method(), body).build();
  }

  private static byte[] rawBytes(Probe p) {
    StringBuilder head =
        new StringBuilder(p.method())
            .append(' ')
            .append(p.path())
            .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String[] h : p.headers()) {
      head.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    byte[] body = p.body() == null ? new byte[0] : p.body();
    head.append("Content-Length: ").append(body.length).append("\r\n");
    head.append("Connection: close\r\n\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }
}
