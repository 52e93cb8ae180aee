import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
 *       were answered (each on its own virtual thread), for citizens FIRST, FIRST+1, ... with
 *       x-requestId PREFIX-G. At most MAX_IN_FLIGHT (default 256) requests are outstanding: beyond
 *       capacity the generator waits for a free slot instead of opening ever more connections
 *       (which only measures connection failures), so at saturation it degrades into a closed
 *       loop of MAX_IN_FLIGHT clients. Writes per request "requestId status sentMicros
 *       acceptMicros" (epoch microseconds; accept = when the answer arrived) to OUT and prints
 *       one summary line.
 * </ul>
 *
 * Sending falls behind schedule only if the generator itself cannot keep up; the summary reports
 * how far behind the last send was ("lag_ms"), so a reader can tell.
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
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    URI uri = URI.create(url + "/v1/Jobagent");
    int total = (int) Math.round(rate * seconds);
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ConcurrentLinkedQueue<String> results = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    long lagNanos = 0;
    Semaphore inFlight = new Semaphore(maxInFlight);
    // time-bound too: beyond capacity the sends stop when the duration (plus 1 s grace) is over
    long stopAt = start + TimeUnit.SECONDS.toNanos(seconds + 1);
    int sent = 0;
    for (int i = 0; i < total && System.nanoTime() < stopAt; i++, sent++) {
      long due = start + (long) (i * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else {
        lagNanos = Math.max(lagNanos, -wait);
      }
      inFlight.acquire();
      lagNanos = Math.max(lagNanos, System.nanoTime() - due);
      int g = first + i;
      String id = prefix + "-" + g;
      HttpRequest req =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .header("x-civilRegistrationIdentifier", cpr(g))
              .header("x-requestId", id)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      Thread.ofVirtual()
          .start(
              () -> {
                long sentAt = nowMicros();
                int status;
                try {
                  HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                  status = r.statusCode();
                  if (status != 202 && samples.size() < 5) {
                    samples.add(status + " " + r.body());
                  }
                } catch (IOException | InterruptedException e) {
                  status = 0;
                } finally {
                  inFlight.release();
                }
                long acceptedAt = nowMicros();
                results.add(id + " " + status + " " + sentAt + " " + acceptedAt);
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
}
