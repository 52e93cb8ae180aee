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

/**
 * Fault-suite load generator (not product code), run as {@code java faults/Load.java MODE ...}.
 *
 * <ul>
 *   <li>{@code cpr G}: the synthetic CPR of citizen number G (born 1990, DDMM90 9xxx).
 *   <li>{@code persons N}: persons.csv for citizens 0..N-1 (in the register, e-mail set).
 *   <li>{@code load URL TOKEN N CONCURRENCY PREFIX OUT}: one CreateJobagent per citizen 0..N-1,
 *       each with its own x-requestId PREFIX-G, CONCURRENCY at a time; writes "requestId status"
 *       per request to OUT (status 0 = no answer: connection refused/reset or timeout). A request
 *       without an answer is not retried; its worker pauses briefly so a dead service is not
 *       hammered. Prints one line "sent=.. accepted=.. other=.. no_answer=..".
 * </ul>
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

  static void load(String url, String token, int n, int concurrency, String prefix, Path out)
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
    AtomicInteger next = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    AtomicInteger noAnswer = new AtomicInteger();
    ConcurrentLinkedQueue<String> results = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int g = next.getAndIncrement(); g < n; g = next.getAndIncrement()) {
                      String id = prefix + "-" + g;
                      HttpRequest req =
                          HttpRequest.newBuilder(URI.create(url + "/v1/Jobagent"))
                              .timeout(Duration.ofSeconds(20))
                              .header("Authorization", "Bearer " + token)
                              .header("Content-Type", "application/json")
                              .header("x-civilRegistrationIdentifier", cpr(g))
                              .header("x-requestId", id)
                              .POST(HttpRequest.BodyPublishers.ofString(body))
                              .build();
                      int status;
                      try {
                        HttpResponse<String> r =
                            client.send(req, HttpResponse.BodyHandlers.ofString());
                        status = r.statusCode();
                        if (status != 202 && samples.size() < 5) {
                          samples.add(status + " " + r.body());
                        }
                      } catch (IOException e) {
                        status = 0;
                      } catch (InterruptedException e) {
                        return;
                      }
                      results.add(id + " " + status);
                      if (status == 202) {
                        accepted.incrementAndGet();
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
    System.out.printf(
        "sent=%d accepted=%d other=%d no_answer=%d%n",
        results.size(), accepted.get(), other.get(), noAnswer.get());
  }
}
