import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Fault-suite load generator (not product code), run as {@code java faults/Load.java MODE ...}.
 *
 * <ul>
 *   <li>{@code cpr G}: the synthetic CPR of citizen number G (born 1990, DDMM90 9xxx).
 *   <li>{@code persons N}: persons.csv for citizens 0..N-1 (in the register, e-mail set, job
 *       centre 101).
 *   <li>{@code load URL TOKEN N CONCURRENCY PREFIX OUT}: one request per citizen 0..N-1, each with
 *       its own x-requestId PREFIX-G, CONCURRENCY at a time (a closed loop); writes per request
 *       "requestId status sentEpochMs latencyMs flags" to OUT (status 0 = no answer: connection
 *       refused/reset or timeout; flags: {@code p} = the answer was application/problem+json,
 *       {@code r} = it carried Retry-After, {@code -} = neither). A request is never resent; after
 *       no answer its client pauses 0.5 s so a dead service is not hammered. Prints one line
 *       "sent=.. accepted=.. other=.. no_answer=.. p50_ms=.. p99_ms=.. (of the 202s)".
 * </ul>
 *
 * Options of {@code load} (system properties): {@code -Drate=R} paces the sends to R per second in
 * all (the i-th request is not sent before start + i/R; default 0 = as fast as the loop allows);
 * {@code -Dfirst=F} starts at citizen F instead of 0 (citizens F..F+N-1); {@code -Dclient=socket}
 * sends over one blocking socket per client thread instead of the JDK HttpClient (for thousands of
 * clients); {@code -DhonourRetryAfter=true}: after an answer with Retry-After its client pauses 1 s
 * (the value this API sends) before its next request; {@code -Dop=update} sends UpdateJobagent (PUT
 * /v1/UpdateJobagent) instead of CreateJobagent, booking line G of {@code -Dslots=FILE} (one ISO
 * start time per line) in interview option {@code -Doption=GUID}.
 */
public class Load {

  static String cpr(int g) {
    int day = 1 + g % 28;
    int month = 1 + (g / 28) % 12;
    int serial = 9000 + g / 336;
    if (serial > 9999) {
      throw new IllegalArgumentException("at most 336000 citizens");
    }
    return String.format("%02d%02d90%04d", day, month, serial);
  }

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "cpr" -> System.out.println(cpr(Integer.parseInt(args[1])));
      case "persons" -> persons(Integer.parseInt(args[1]));
      case "load" ->
          load(
              args[1],
              args[2],
              Integer.parseInt(args[3]),
              Integer.parseInt(args[4]),
              args[5],
              Path.of(args[6]));
      default -> throw new IllegalArgumentException("mode cpr|persons|load");
    }
  }

  static void persons(int n) {
    StringBuilder sb =
        new StringBuilder(
            "cpr,death_date,abroad,temporary_foreign_address,has_jobnet_cv,email,jobcenter_code\n");
    for (int g = 0; g < n; g++) {
      sb.append(cpr(g)).append(",,false,false,true,fault").append(g).append("@example.dk,101\n");
    }
    System.out.print(sb);
  }

  /** What to send for citizen G. */
  interface Requests {
    Req request(int g);
  }

  record Req(String method, URI uri, String body) {}

  /** The answer, as much of it as the summary needs. */
  record Answer(int status, boolean problemJson, boolean retryAfter, String body) {}

  /** How a request travels: the JDK HttpClient, or one blocking socket per client thread. */
  interface Transport {
    Answer send(Req req, Map<String, String> headers) throws IOException, InterruptedException;
  }

  static Requests requests(String url) throws IOException {
    String today = LocalDate.now(ZoneId.of("Europe/Copenhagen")).toString();
    String members =
        "\"ClientCategoryTypeIdentifier\":\"UDEN_YDELSE\",\"EnrollmentDate\":\""
            + today
            + "\",\"CurrentUnemploymentStatusTypeIdentifier\":\"FULDT_LEDIG\","
            + "\"EmailAddressIdentifier\":\"borger@example.dk\"";
    if (!"update".equals(System.getProperty("op", "create"))) {
      String body = "{" + members + "}";
      URI uri = URI.create(url + "/v1/Jobagent");
      return g -> new Req("POST", uri, body);
    }
    List<String> slots = Files.readAllLines(Path.of(System.getProperty("slots")));
    String option = System.getProperty("option");
    URI uri = URI.create(url + "/v1/UpdateJobagent");
    return g ->
        new Req(
            "PUT",
            uri,
            "{"
                + members
                + ",\"BookingStartTime\":\""
                + slots.get(g).trim()
                + "\",\"InterviewOptionID\":\""
                + option
                + "\",\"InterviewContactTypeIdentifier\":\"PERSONLIGT_FREMMOEDE\"}");
  }

  static Transport jdkClient() {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    return (req, headers) -> {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(req.uri())
              .timeout(Duration.ofSeconds(20))
              .method(req.method(), HttpRequest.BodyPublishers.ofString(req.body()));
      headers.forEach(b::header);
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
          r.headers().firstValue("Retry-After").isPresent(),
          r.body());
    };
  }

  /**
   * A minimal HTTP/1.1 client on a blocking socket per client thread (kept alive, reopened after
   * the server closed it or an error). The JDK HttpClient drives all its connections from one selector thread,
   * which caps what a generator with thousands of connections can offer on 2 cores; this does not.
   */
  static Transport socketClient() {
    ThreadLocal<Socket[]> conn = ThreadLocal.withInitial(() -> new Socket[1]);
    return (req, headers) -> {
      Socket[] holder = conn.get();
      try {
        if (holder[0] == null) {
          Socket sock = new Socket();
          sock.connect(new InetSocketAddress(req.uri().getHost(), req.uri().getPort()), 2_000);
          sock.setSoTimeout(20_000);
          sock.setTcpNoDelay(true);
          holder[0] = sock;
        }
        return exchange(req, headers, holder);
      } catch (IOException e) {
        // never resent: the server may have stored it; the next request opens a fresh connection
        close(holder);
        throw e;
      }
    };
  }

  static Answer exchange(Req req, Map<String, String> headers, Socket[] holder)
      throws IOException {
    byte[] body = req.body().getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder()
            .append(req.method())
            .append(' ')
            .append(req.uri().getRawPath())
            .append(" HTTP/1.1\r\nHost: ")
            .append(req.uri().getHost())
            .append(':')
            .append(req.uri().getPort())
            .append("\r\nContent-Length: ")
            .append(body.length)
            .append("\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("\r\n");
    OutputStream out = holder[0].getOutputStream();
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    InputStream in = holder[0].getInputStream();
    int status = Integer.parseInt(line(in).split(" ")[1]);
    int length = -1;
    boolean chunked = false;
    boolean close = false;
    boolean problem = false;
    boolean retryAfter = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      } else if (lower.startsWith("content-type:") && lower.contains("application/problem+json")) {
        problem = true;
      } else if (lower.startsWith("retry-after:")) {
        retryAfter = true;
      }
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
        content.write(in.readNBytes(size));
        line(in);
      }
      line(in);
    } else if (length > 0) {
      content.write(in.readNBytes(length));
    }
    if (close) {
      close(holder);
    }
    return new Answer(status, problem, retryAfter, content.toString(StandardCharsets.UTF_8));
  }

  static int chunkSize(InputStream in) throws IOException {
    return Integer.parseInt(line(in).split(";")[0].trim(), 16);
  }

  static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  static void close(Socket[] holder) {
    if (holder[0] != null) {
      try {
        holder[0].close();
      } catch (IOException ignored) {
        // closing a broken connection
      }
      holder[0] = null;
    }
  }

  static void load(String url, String token, int n, int concurrency, String prefix, Path out)
      throws Exception {
    Requests requests = requests(url);
    double rate = Double.parseDouble(System.getProperty("rate", "0"));
    int first = Integer.parseInt(System.getProperty("first", "0"));
    long retryAfterMs = Boolean.getBoolean("honourRetryAfter") ? 1000 : 0;
    Transport transport =
        "socket".equals(System.getProperty("client")) ? socketClient() : jdkClient();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    AtomicInteger noAnswer = new AtomicInteger();
    ConcurrentLinkedQueue<String> results = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> acceptedLatencies = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      threads.add(
          Thread.ofPlatform()
              .stackSize(256 * 1024)
              .start(
                  () -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                      int g = first + i;
                      if (rate > 0) {
                        long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                        if (wait > 0) {
                          LockSupport.parkNanos(wait);
                        }
                      }
                      String id = prefix + "-" + g;
                      Map<String, String> headers = new LinkedHashMap<>();
                      headers.put("Authorization", "Bearer " + token);
                      headers.put("Content-Type", "application/json");
                      headers.put("x-civilRegistrationIdentifier", cpr(g));
                      headers.put("x-requestId", id);
                      long sentAtMs = System.currentTimeMillis();
                      long sentNanos = System.nanoTime();
                      int status;
                      String flags = "";
                      try {
                        Answer r = transport.send(requests.request(g), headers);
                        status = r.status();
                        if (r.problemJson()) {
                          flags += "p";
                        }
                        if (r.retryAfter()) {
                          flags += "r";
                        }
                        if (status != 202 && samples.size() < 5) {
                          samples.add(status + " " + r.body());
                        }
                      } catch (IOException e) {
                        status = 0;
                      } catch (InterruptedException e) {
                        return;
                      }
                      long latencyMs = (System.nanoTime() - sentNanos) / 1_000_000;
                      results.add(
                          id
                              + " "
                              + status
                              + " "
                              + sentAtMs
                              + " "
                              + latencyMs
                              + " "
                              + (flags.isEmpty() ? "-" : flags));
                      long pauseMs = 0;
                      if (status == 202) {
                        accepted.incrementAndGet();
                        acceptedLatencies.add(latencyMs);
                      } else if (status == 0) {
                        noAnswer.incrementAndGet();
                        pauseMs = 500;
                      } else {
                        other.incrementAndGet();
                        // a client that honours Retry-After (what the API asks of clients) waits
                        // before its next request; it never resends this id
                        pauseMs = flags.contains("r") ? retryAfterMs : 0;
                      }
                      if (pauseMs > 0) {
                        try {
                          Thread.sleep(pauseMs);
                        } catch (InterruptedException e) {
                          return;
                        }
                      }
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
      results.forEach(w::println);
    }
    samples.forEach(s -> System.err.println("non-202 sample: " + s));
    long[] lat = acceptedLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        "sent=%d accepted=%d other=%d no_answer=%d seconds=%.1f p50_ms=%d p99_ms=%d%n",
        results.size(),
        accepted.get(),
        other.get(),
        noAnswer.get(),
        (System.nanoTime() - start) / 1e9,
        percentile(lat, 0.50),
        percentile(lat, 0.99));
  }

  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
