import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
 *       {@code r} = it carried Retry-After, {@code -} = neither). A request is never retried; after
 *       no answer its client pauses 0.5 s so a dead service is not hammered. Prints one line
 *       "sent=.. accepted=.. other=.. no_answer=.. p50_ms=.. p99_ms=.. (of the 202s)".
 * </ul>
 *
 * Options of {@code load} (system properties): {@code -Drate=R} paces the sends to R per second in
 * all (the i-th request is not sent before start + i/R; default 0 = as fast as the loop allows);
 * {@code -Dfirst=F} starts at citizen F instead of 0 (citizens F..F+N-1); {@code
 * -Dop=update} sends UpdateJobagent (PUT /v1/UpdateJobagent) instead of CreateJobagent, booking
 * line G of {@code -Dslots=FILE} (one ISO start time per line) in interview option {@code
 * -Doption=GUID}.
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
    HttpRequest.Builder request(int g);
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
      return g ->
          HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
    }
    List<String> slots = Files.readAllLines(Path.of(System.getProperty("slots")));
    String option = System.getProperty("option");
    URI uri = URI.create(url + "/v1/UpdateJobagent");
    return g -> {
      String body =
          "{"
              + members
              + ",\"BookingStartTime\":\""
              + slots.get(g).trim()
              + "\",\"InterviewOptionID\":\""
              + option
              + "\",\"InterviewContactTypeIdentifier\":\"PERSONLIGT_FREMMOEDE\"}";
      return HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString(body));
    };
  }

  static void load(String url, String token, int n, int concurrency, String prefix, Path out)
      throws Exception {
    Requests requests = requests(url);
    double rate = Double.parseDouble(System.getProperty("rate", "0"));
    int first = Integer.parseInt(System.getProperty("first", "0"));
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
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
                      HttpRequest req =
                          requests
                              .request(g)
                              .timeout(Duration.ofSeconds(20))
                              .header("Authorization", "Bearer " + token)
                              .header("Content-Type", "application/json")
                              .header("x-civilRegistrationIdentifier", cpr(g))
                              .header("x-requestId", id)
                              .build();
                      long sentAtMs = System.currentTimeMillis();
                      long sentNanos = System.nanoTime();
                      int status;
                      String flags = "";
                      try {
                        HttpResponse<String> r =
                            client.send(req, HttpResponse.BodyHandlers.ofString());
                        status = r.statusCode();
                        if (r.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("application/problem+json")) {
                          flags += "p";
                        }
                        if (r.headers().firstValue("Retry-After").isPresent()) {
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
                      if (status == 202) {
                        accepted.incrementAndGet();
                        acceptedLatencies.add(latencyMs);
                      } else if (status == 0) {
                        noAnswer.incrementAndGet();
                        try {
                          Thread.sleep(500);
                        } catch (InterruptedException e) {
                          return;
                        }
                      } else {
                        other.incrementAndGet();
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
