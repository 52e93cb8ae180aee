import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end load generator of bench/run (not product code), run as {@code java bench/e2e/E2e.java MODE ...}.
 *
 * <ul>
 *   <li>{@code persons N}: persons.csv for citizens 0..N-1 (in the register, e-mail set).
 *   <li>{@code open URL TOKEN RATE SECONDS FIRST PREFIX OUT [MAX_IN_FLIGHT]}: open loop at a fixed
 *       offered rate: the i-th CreateJobagent is sent at start + i/RATE whether or not earlier ones
 *       were answered (each on its own virtual thread, over a kept-alive connection from a pool),
 *       for citizens FIRST, FIRST+1, ... with
 *       x-requestId PREFIX-G. At most MAX_IN_FLIGHT (default 256) requests are outstanding: beyond
 *       capacity the generator waits for a free slot instead of opening ever more connections
 *       (which only measures connection failures), so at saturation it degrades into a closed
 *       loop of MAX_IN_FLIGHT clients. Writes per request "requestId status sentMicros
 *       acceptMicros" (epoch microseconds; accept = when the answer arrived) to OUT and prints
 *       one summary line.
 *       With {@code -Dwarm=S} it first sends S seconds of warm-up at the same rate, for the
 *       citizens just before FIRST (x-requestId warm-G, answers to {@code -DwarmOut=FILE}), then
 *       pauses {@code -DwarmPause=P} seconds (default 0) and starts the measured schedule afresh.
 * </ul>
 *
 * Sending falls behind schedule only if the generator itself cannot keep up; the summary reports
 * how far behind the last send was ("lag_ms"), so a reader can tell.
 *
 * <p>HTTP/1.1 is spoken over plain blocking sockets, not the JDK HttpClient: that client drives all
 * its connections from one selector thread, and at 500/s on the benchmark's 2 cores it held
 * requests for 0.5–1.5 s before sending them and then released them in bursts of up to twice the
 * offered rate (measured 2026-11-28), so the "steady" load was neither steady nor what the
 * service saw. Same approach as faults/Load.java's socket transport.
 */
public class E2e {

  static String cpr(int g) {
    int day = 1 + g % 28;
    int month = 1 + (g / 28) % 12;
    int serial = 5000 + g / 336;
    if (serial > 9999) {
      throw new IllegalArgumentException("at most 1680000 citizens");
    }
    return String.format("%02d%02d85%04d", day, month, serial);
  }

  static long nowMicros() {
    Instant i = Instant.now();
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "persons" -> persons(Integer.parseInt(args[1]));
      case "open" ->
          open(
              args[1],
              args[2],
              Double.parseDouble(args[3]),
              Integer.parseInt(args[4]),
              Integer.parseInt(args[5]),
              args[6],
              Path.of(args[7]),
              args.length > 8 ? Integer.parseInt(args[8]) : 256);
      default -> throw new IllegalArgumentException("mode persons|open");
    }
  }

  static void persons(int n) {
    StringBuilder sb =
        new StringBuilder(
            "cpr,death_date,abroad,temporary_foreign_address,has_jobnet_cv,email,jobcenter_code\n");
    for (int g = 0; g < n; g++) {
      sb.append(cpr(g)).append(",,false,false,true,e2e").append(g).append("@example.dk,101\n");
    }
    System.out.print(sb);
  }

  static void open(
      String url,
      String token,
      double rate,
      int seconds,
      int first,
      String prefix,
      Path out,
      int maxInFlight)
      throws Exception {
    String today = LocalDate.now(ZoneId.of("Europe/Copenhagen")).toString();
    String body =
        "{\"ClientCategoryTypeIdentifier\":\"UDEN_YDELSE\",\"EnrollmentDate\":\""
            + today
            + "\",\"CurrentUnemploymentStatusTypeIdentifier\":\"FULDT_LEDIG\","
            + "\"EmailAddressIdentifier\":\"borger@example.dk\"}";
    URI uri = URI.create(url + "/v1/Jobagent");
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    ConcurrentLinkedQueue<Conn> idle = new ConcurrentLinkedQueue<>();
    int total = (int) Math.round(rate * seconds);
    // -Dwarm (see above) runs in this process, so the generator is warm too when the measured
    // requests begin: a warm-up in a JVM of its own left this one cold, and its first seconds
    // went out in bursts (measured 2026-11-28)
    int warmCount = (int) Math.round(rate * Integer.getInteger("warm", 0));
    ConcurrentLinkedQueue<String> warmResults = new ConcurrentLinkedQueue<>();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ConcurrentLinkedQueue<String> results = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime() + (long) (warmCount * 1e9 / rate);
    long lagNanos = 0;
    Semaphore inFlight = new Semaphore(maxInFlight);
    // time-bound too: beyond capacity the sends stop when the duration (plus 1 s grace) is over
    long stopAt = start + TimeUnit.SECONDS.toNanos(seconds + 1);
    int sent = 0;
    for (int i = -warmCount; i < total && System.nanoTime() < stopAt; i++) {
      boolean warm = i < 0;
      if (i == 0 && warmCount > 0) {
        // a warm-up that fell behind (a cold service) hands its backlog to nobody: the measured
        // schedule starts afresh after -DwarmPause seconds, in which the service works off what
        // the warm-up left queued, instead of catching up in bursts
        Thread.sleep(TimeUnit.SECONDS.toMillis(Integer.getInteger("warmPause", 0)));
        start = Math.max(start, System.nanoTime());
        stopAt = start + TimeUnit.SECONDS.toNanos(seconds + 1);
      }
      long due = start + (long) (i * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else if (!warm) {
        lagNanos = Math.max(lagNanos, -wait);
      }
      inFlight.acquire();
      if (!warm) {
        lagNanos = Math.max(lagNanos, System.nanoTime() - due);
        sent++;
      }
      int g = first + i;
      String id = (warm ? "warm" : prefix) + "-" + g;
      byte[] head =
          ("POST "
                  + uri.getRawPath()
                  + " HTTP/1.1\r\nHost: "
                  + uri.getHost()
                  + ":"
                  + uri.getPort()
                  + "\r\nAuthorization: Bearer "
                  + token
                  + "\r\nContent-Type: application/json\r\nx-civilRegistrationIdentifier: "
                  + cpr(g)
                  + "\r\nx-requestId: "
                  + id
                  + "\r\nContent-Length: "
                  + bodyBytes.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
      Thread.ofVirtual()
          .start(
              () -> {
                long sentAt = nowMicros();
                int status;
                Conn conn = idle.poll();
                try {
                  if (conn == null) {
                    conn = Conn.open(uri);
                  }
                  String[] answer = conn.exchange(head, bodyBytes);
                  status = Integer.parseInt(answer[0]);
                  if (status != 202 && samples.size() < 5) {
                    samples.add(status + " " + answer[1]);
                  }
                  if (conn.open) {
                    idle.add(conn);
                  }
                } catch (IOException | RuntimeException e) {
                  status = 0; // never resent: the server may have stored it
                  if (conn != null) {
                    conn.close();
                  }
                } finally {
                  inFlight.release();
                }
                long acceptedAt = nowMicros();
                String result = id + " " + status + " " + sentAt + " " + acceptedAt;
                if (warm) {
                  warmResults.add(result);
                  return;
                }
                results.add(result);
                (status == 202 ? accepted : other).incrementAndGet();
                done.incrementAndGet();
              });
    }
    long sendEnd = System.nanoTime();
    // bounded: every request has a 30 s timeout
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (done.get() < sent && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
      results.forEach(w::println);
    }
    String warmOut = System.getProperty("warmOut");
    if (warmOut != null) {
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(warmOut)))) {
        warmResults.forEach(w::println);
      }
    }
    idle.forEach(Conn::close);
    samples.forEach(s -> System.err.println("non-202 sample: " + s));
    System.out.printf(
        "offered=%.0f/s sent=%d send_seconds=%.2f lag_ms=%.1f accepted=%d other=%d unanswered=%d%n",
        rate,
        sent,
        (sendEnd - start) / 1e9,
        lagNanos / 1e6,
        accepted.get(),
        other.get(),
        sent - done.get());
  }

  /** One kept-alive HTTP/1.1 connection, used by one request at a time. */
  static final class Conn {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    boolean open = true;

    private Conn(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream(), 8192);
      this.out = socket.getOutputStream();
    }

    static Conn open(URI uri) throws IOException {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
      socket.setSoTimeout(30_000);
      socket.setTcpNoDelay(true);
      return new Conn(socket);
    }

    /** Sends one request; returns {status, body}. */
    String[] exchange(byte[] head, byte[] body) throws IOException {
      out.write(head);
      out.write(body);
      out.flush();
      String status = line().split(" ")[1];
      int length = 0;
      boolean chunked = false;
      for (String h = line(); !h.isEmpty(); h = line()) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(h.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          open = false;
        }
      }
      StringBuilder content = new StringBuilder();
      if (chunked) {
        for (int n = Integer.parseInt(line().split(";")[0].trim(), 16); n > 0;
            n = Integer.parseInt(line().split(";")[0].trim(), 16)) {
          content.append(new String(in.readNBytes(n), StandardCharsets.UTF_8));
          line();
        }
        line();
      } else if (length > 0) {
        content.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
      }
      if (!open) {
        close();
      }
      return new String[] {status, content.toString()};
    }

    private String line() throws IOException {
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

    void close() {
      open = false;
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing only
      }
    }
  }
}
