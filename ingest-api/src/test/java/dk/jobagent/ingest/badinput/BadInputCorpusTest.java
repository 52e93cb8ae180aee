package dk.jobagent.ingest.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.ingest.IngestTestBase;
import dk.jobagent.ingest.badinput.Probe.Effect;
import dk.jobagent.ingest.badinput.Probe.Expect;
import dk.jobagent.schemas.security.DevTokens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Issue #8, scenario 7: a seeded corpus of more than 10,000 malformed requests (with accepted
 * controls mixed in) against the running ingest-api over real sockets. Every answer to bad input is
 * a 4xx problem+json with the seed's code where one applies; nothing of a refused request is stored
 * (request, outbox and audit rows are counted); every accepted control is stored exactly as sent
 * and its receipt can be read at the Location it was given; no CPR that was sent reaches a log line
 * or an error body in full.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputCorpusTest extends IngestTestBase {

  private static final String WRITER = "bad-input-writer";
  private static final String OTHER = "bad-input-other";
  private static final List<String> CLIENTS =
      List.of(WRITER, OTHER, "bad-input-guest", "bad-input-read", "bad-input-write", "bad-input-x");

  /**
   * A number that could be a CPR (SPEC §2's pattern: a valid DDMM, then six digits; or 0000000000),
   * also written with a dash, standing alone. Other ten-digit numbers (2147483647) are not CPRs and
   * may be shown.
   */
  private static final Pattern CPR_LIKE =
      Pattern.compile(
          "(?<![0-9])(?:(?:(?:0[1-9]|[12][0-9]|3[01])(?:01|03|05|07|08|10|12)"
              + "|(?:0[1-9]|[12][0-9]|30)(?:04|06|09|11)|(?:0[1-9]|[12][0-9])02)[0-9]{2}-?[0-9]{4}"
              + "|000000-?0000)(?![0-9])");

  private static final Pattern FORGED = Pattern.compile("(?m)^[^\\n]{0,40}FORGED-LOG-LINE");
  private static final Pattern TEN_DIGITS =
      Pattern.compile("(?<![0-9])[0-9]{6}-?[0-9]{4}(?![0-9])");
  private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9-]+");
  private static final Pattern ENCODED_SEGMENT =
      Pattern.compile("(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})+");

  private final List<String> failures = new ArrayList<>();

  /** Follow-up repeats (by seq): the receipt link their 412 must carry (the first's Location). */
  private final Map<Integer, String> receiptLinks = new HashMap<>();

  private final Map<String, int[]> byKind = new TreeMap<>();

  /** Every CPR-shaped number the probes sent (collected while their answers are checked). */
  private final Set<String> sentCprs = new HashSet<>();

  @BeforeEach
  void recordOutboxInserts() {
    // The relay deletes outbox rows once published, so inserts are recorded as they happen.
    jdbc.sql("create table if not exists bad_input_outbox_seen (message_id text not null)")
        .update();
    jdbc.sql(
            """
            create or replace function bad_input_outbox_seen() returns trigger language plpgsql as $$
            begin
              insert into bad_input_outbox_seen values (new.message_id);
              return new;
            end $$
            """)
        .update();
    jdbc.sql(
            "create or replace trigger bad_input_outbox_seen after insert on outbox for each row"
                + " execute function bad_input_outbox_seen()")
        .update();
  }

  @AfterEach
  void dropRecorder() {
    jdbc.sql("drop trigger if exists bad_input_outbox_seen on outbox").update();
    jdbc.sql("drop function if exists bad_input_outbox_seen()").update();
    jdbc.sql("drop table if exists bad_input_outbox_seen").update();
  }

  @Test
  void everyMalformedRequestIsA4xxProblemAndLeavesNothingBehind(CapturedOutput output)
      throws Exception {
    long started = System.nanoTime();
    long cpuBefore = ProbeRunner.processCpuMillis();
    long requestsBefore = count("select count(*) from request");
    Corpus.Tokens tokens = tokens();
    List<Probe> corpus = new Corpus(tokens).build();
    long built = System.nanoTime();
    long malformed =
        corpus.stream().filter(p -> p.expect().status() == 0 || p.expect().status() >= 400).count();
    assertThat(malformed).as("malformed requests in the corpus").isGreaterThanOrEqualTo(10_000);
    ProbeRunner runner = new ProbeRunner(port, 16);

    List<RawHttp.Answer> answers = runner.run(corpus);
    long sent = System.nanoTime();
    for (int i = 0; i < corpus.size(); i++) {
      check(corpus.get(i), answers.get(i));
    }

    // Second round, which needs the first: repeats of accepted requests (412) and every accepted
    // control's receipt, read at the Location it was given.
    List<Probe> followUps = followUps(corpus, answers, tokens);
    List<RawHttp.Answer> followUpAnswers = runner.run(followUps);
    for (int i = 0; i < followUps.size(); i++) {
      check(followUps.get(i), followUpAnswers.get(i));
    }
    long followedUp = System.nanoTime();

    List<Probe> all = new ArrayList<>(corpus);
    all.addAll(followUps);
    checkDatabase(all, requestsBefore);
    long databaseChecked = System.nanoTime();
    checkLogs(output);
    report(all.size(), runner.millisByKind());
    System.out.printf(
        "bad-input corpus: built in %d ms, %d requests sent in %d ms, %d follow-ups in %d ms,"
            + " database checked in %d ms, logs in %d ms; CPU of this JVM (client and server) %d"
            + " ms%n",
        ms(started, built),
        corpus.size(),
        ms(built, sent),
        followUps.size(),
        ms(sent, followedUp),
        ms(followedUp, databaseChecked),
        ms(databaseChecked, System.nanoTime()),
        ProbeRunner.processCpuMillis() - cpuBefore);
    failures.stream().limit(400).forEach(f -> System.out.println("FAILED " + f));
    assertThat(failures).as(String.join("\n", failures.stream().limit(80).toList())).isEmpty();
  }

  private static long ms(long from, long to) {
    return (to - from) / 1_000_000;
  }

  // --- tokens ----------------------------------------------------------------------------------

  private static Corpus.Tokens tokens() {
    String both = WRITE + " " + READ;
    String writer = DevTokens.mint(WRITER, both, STAR);
    int at = writer.lastIndexOf('.') + 10;
    String tampered =
        writer.substring(0, at) + (writer.charAt(at) == 'A' ? 'B' : 'A') + writer.substring(at + 1);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String unsigned =
        b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(
                ("{\"iss\":\"jobagent-dev\",\"sub\":\""
                        + WRITER
                        + "\",\"client_id\":\""
                        + WRITER
                        + "\",\"scope\":\""
                        + both
                        + "\",\"access_category\":\"STAR\",\"exp\":4102444800}")
                    .getBytes(StandardCharsets.UTF_8))
            + ".";
    return new Corpus.Tokens(
        writer,
        DevTokens.mint("bad-input-read", READ, STAR),
        DevTokens.mint("bad-input-write", WRITE, STAR),
        DevTokens.mint("bad-input-guest", both, "Gæsteadgang"),
        DevTokens.mint("bad-input-x", both, null),
        DevTokens.mint(WRITER, both, STAR, Duration.ofMinutes(-5)),
        tampered,
        unsigned);
  }

  // --- one answer -------------------------------------------------------------------------------

  private void check(Probe p, RawHttp.Answer a) {
    int[] counts = byKind.computeIfAbsent(p.kind(), k -> new int[5]);
    counts[0]++;
    if (a.status() >= 500) {
      counts[1]++;
    } else if (a.status() >= 400) {
      counts[2]++;
    } else if (a.status() >= 200 && a.status() < 300) {
      counts[3]++;
    }
    Set<String> cprs = cprsIn(p);
    sentCprs.addAll(cprs);
    Expect e = p.expect();
    if (!e.accepts(a.status())) {
      fail(p, a, "status " + a.status() + ", expected " + (e.status() == 0 ? "4xx" : e.status()));
      return;
    }
    // SPEC §2: no error echoes a full CPR (a 202 repeats the caller's own x-requestId)
    String text = a.status() >= 400 && !cprs.isEmpty() ? a.bodyText() : "";
    for (String cpr : cprs) {
      if (!cpr.equals("0000000000") && text.contains(cpr)) {
        fail(p, a, "the answer echoes a CPR it was sent");
      }
    }
    if (a.status() == 202) {
      // SPEC §2: Location /v1/receipts/{x-requestId}, the id as one percent-encoded segment
      if (!e.requestId().equals(receiptId(a.header("Location")))) {
        fail(p, a, "202 without the receipt's Location: " + a.header("Location"));
      }
      return;
    }
    if (e.effect() == Effect.RECEIPT_AUDIT) {
      // the receipt read at a Location is the receipt of exactly that x-requestId
      String id = JSON.readTree(a.body()).path("requestId").asString();
      if (!e.requestId().equals(id)) {
        fail(p, a, "the receipt at this Location is that of " + id);
      }
      return;
    }
    if (!e.problem()) {
      return;
    }
    String type = a.header("Content-Type");
    if (type == null || !type.startsWith("application/problem+json")) {
      fail(p, a, "Content-Type " + type + ", not application/problem+json");
      return;
    }
    JsonNode problem;
    try {
      problem = JSON.readTree(a.body());
    } catch (RuntimeException ex) {
      fail(p, a, "the problem body does not parse");
      return;
    }
    if (!problem.isObject() || problem.path("status").asInt() != a.status()) {
      fail(p, a, "the problem's status member is not the answer's status");
      return;
    }
    String link = receiptLinks.get(p.seq());
    if (link != null && !link.equals(problem.path("receipt").asString())) {
      fail(p, a, "the 412 does not link the first request's receipt " + link);
    }
    JsonNode code = problem.get("code");
    if (e.code() != null && e.code() == Corpus.ANY_CODE) {
      return;
    }
    if (e.code() == null ? code != null : code == null || code.asInt() != e.code()) {
      fail(p, a, "code " + code + ", expected " + e.code());
    }
    if (e.code() != null && (e.code() == 1001 || e.code() == 1014)) {
      if (!problem.path("errors").isArray() || problem.path("errors").isEmpty()) {
        fail(p, a, "a syntax error without its field errors");
      }
    }
  }

  private void fail(Probe p, RawHttp.Answer a, String what) {
    byKind.get(p.kind())[4]++;
    String body = a.bodyText();
    failures.add(
        what
            + ": "
            + p.describe()
            + " -> "
            + a.status()
            + " "
            + a.header("Content-Type")
            + " "
            + (body.length() > 300 ? body.substring(0, 300) : body).replace("\n", " "));
  }

  /** The ten-digit CPR-shaped numbers a probe sent, in headers or body. */
  private static Set<String> cprsIn(Probe p) {
    Set<String> found = new LinkedHashSet<>();
    StringBuilder text = new StringBuilder(p.path()).append('\n');
    for (String[] h : p.headers()) {
      if (!h[0].equalsIgnoreCase("Authorization")) {
        text.append(h[1]).append('\n');
      }
    }
    if (p.body() != null && p.body().length < 100_000) {
      text.append(new String(p.body(), StandardCharsets.ISO_8859_1));
    }
    if (p.raw() != null) {
      String raw = new String(p.raw(), StandardCharsets.ISO_8859_1);
      text.append(raw.replaceAll("Authorization: Bearer [^\r]*", ""));
    }
    // the plain digit-run scan first: the CPR pattern's alternatives are costly on long bodies
    Matcher m = TEN_DIGITS.matcher(text);
    while (m.find()) {
      if (CPR_LIKE.matcher(m.group()).matches()) {
        found.add(m.group());
      }
    }
    return found;
  }

  // --- follow-ups: 412 repeats and receipts ------------------------------------------------------

  private List<Probe> followUps(
      List<Probe> corpus, List<RawHttp.Answer> answers, Corpus.Tokens tokens) {
    List<Probe> out = new ArrayList<>();
    int seq = corpus.size();
    int repeats = 0;
    int receipts = 0;
    for (int i = 0; i < corpus.size(); i++) {
      Probe p = corpus.get(i);
      if (p.expect().effect() != Effect.STORED || answers.get(i).status() != 202) {
        continue;
      }
      String id = p.expect().requestId();
      String receipt = answers.get(i).header("Location");
      if (PLAIN_ID.matcher(id).matches() && receipts++ % 4 != 0) {
        continue; // every unusual id, and a quarter of the plain ones (they are all alike)
      }
      out.add(
          new Probe(
              seq++,
              "receipt",
              "GET",
              receipt,
              List.<String[]>of(new String[] {"Authorization", "Bearer " + tokens.writer()}),
              null,
              false,
              null,
              new Expect(200, null, Effect.RECEIPT_AUDIT, id, false)));
      if (p.raw() == null && repeats < 60 && p.body() != null && p.method().equals("POST")) {
        repeats++;
        // the same request again: 412; the same id with another body: 412, request-id-reused;
        // both link the first request's receipt
        receiptLinks.put(seq, receipt);
        receiptLinks.put(seq + 1, receipt);
        out.add(
            new Probe(
                seq++,
                "repeat",
                p.method(),
                p.path(),
                p.headers(),
                p.body(),
                false,
                null,
                Expect.rejected(412, null)));
        byte[] other = (new String(p.body(), StandardCharsets.UTF_8) + " ").getBytes();
        out.add(
            new Probe(
                seq++,
                "repeat",
                p.method(),
                p.path(),
                p.headers(),
                other,
                false,
                null,
                Expect.rejected(412, null)));
        // another client cannot see this receipt
        out.add(
            new Probe(
                seq++,
                "receipt",
                "GET",
                receipt,
                List.<String[]>of(
                    new String[] {"Authorization", "Bearer " + DevTokens.mint(OTHER, READ, STAR)}),
                null,
                false,
                null,
                Expect.rejected(404, null)));
      }
    }
    List<String[]> reader =
        List.<String[]>of(new String[] {"Authorization", "Bearer " + tokens.writer()});
    for (String id :
        List.of(
            "nope",
            "x".repeat(5000),
            "%00",
            "%2F",
            "..%2F..%2Fetc",
            "%ZZ",
            "%C3%A6",
            ";jsessionid=1",
            "bi-00001%20",
            "bi-00001%0d%0aX-Injected:%201")) {
      out.add(
          new Probe(
              seq++,
              "receipt",
              "GET",
              "/v1/receipts/" + id,
              reader,
              null,
              false,
              null,
              Expect.rejected(0, null)));
    }
    for (String prefer :
        List.of("wait=abc", "wait=-1", "wait=99999999999999999999", "wait=1;x, wait=2", "wait")) {
      List<String[]> h = new ArrayList<>(reader);
      h.add(new String[] {"Prefer", prefer});
      out.add(
          new Probe(
              seq++,
              "receipt",
              "GET",
              "/v1/receipts/none-such-" + prefer.length(),
              h,
              null,
              false,
              null,
              Expect.rejected(404, null)));
    }
    return out;
  }

  /**
   * This test's own reading of a Location: {@code /v1/receipts/} and one segment of unreserved
   * characters and escapes (RFC 3986), percent-decoded as UTF-8; null for anything else.
   */
  static String receiptId(String location) {
    String prefix = "/v1/receipts/";
    if (location == null
        || !location.startsWith(prefix)
        || !ENCODED_SEGMENT.matcher(location.substring(prefix.length())).matches()) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = prefix.length(); i < location.length(); i++) {
      char c = location.charAt(i);
      if (c == '%') {
        bytes.write(Integer.parseInt(location.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  // --- the database -----------------------------------------------------------------------------

  private void checkDatabase(List<Probe> all, long requestsBefore) {
    Set<String> stored = new HashSet<>();
    int readAudits = 0;
    int receiptAudits = 0;
    for (Probe p : all) {
      switch (p.expect().effect()) {
        case STORED -> stored.add(p.expect().requestId());
        case READ_AUDIT -> readAudits++;
        case RECEIPT_AUDIT -> receiptAudits++;
        default -> {}
      }
    }
    Set<String> requests =
        new HashSet<>(
            jdbc.sql("select request_id from request where client_id = any(?)")
                .param(CLIENTS.toArray(String[]::new))
                .query(String.class)
                .list());
    Set<String> outbox =
        new HashSet<>(
            jdbc
                .sql("select message_id from bad_input_outbox_seen where message_id like ?")
                .param(WRITER + ":%")
                .query(String.class)
                .list()
                .stream()
                .map(m -> m.substring(WRITER.length() + 1))
                .toList());
    long otherOutbox =
        count(
            "select count(*) from bad_input_outbox_seen where split_part(message_id, ':', 1) ="
                + " any(array['bad-input-other','bad-input-guest','bad-input-read',"
                + "'bad-input-write','bad-input-x'])");
    Set<String> audited =
        new HashSet<>(
            jdbc.sql(
                    "select request_id from audit_event where actor = any(?) and operation in"
                        + " ('CreateJobagent','UpdateJobagent','DeleteJobagent')")
                .param(CLIENTS.toArray(String[]::new))
                .query(String.class)
                .list());
    long gets =
        count(
            "select count(*) from audit_event where actor = any(?) and operation = 'GetJobagent'",
            CLIENTS);
    long receiptReads =
        count(
            "select count(*) from audit_event where actor = any(?) and operation not in"
                + " ('CreateJobagent','UpdateJobagent','DeleteJobagent','GetJobagent')",
            CLIENTS);
    compare("request rows", stored, requests);
    compare("outbox rows", stored, outbox);
    compare("write audit records", stored, audited);
    if (otherOutbox != 0) {
      failures.add("outbox rows of clients that were refused: " + otherOutbox);
    }
    if (gets != readAudits) {
      failures.add("GetJobagent audit records: " + gets + ", expected " + readAudits);
    }
    if (receiptReads != receiptAudits) {
      failures.add("receipt audit records: " + receiptReads + ", expected " + receiptAudits);
    }
    long requestsAfter = count("select count(*) from request");
    if (requestsAfter - requestsBefore != stored.size()) {
      failures.add(
          "request table grew by "
              + (requestsAfter - requestsBefore)
              + ", expected "
              + stored.size());
    }
    // accepted controls are stored exactly as sent (injection strings included)
    List<String> ids = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (Probe p : all) {
      if (p.expect().effect() == Effect.STORED && p.body() != null) {
        ids.add(p.expect().requestId());
        bodies.add(new String(p.body(), StandardCharsets.UTF_8));
      }
    }
    List<String> different =
        jdbc.sql(
                """
                select s.id from unnest(?::text[], ?::text[]) as s(id, b)
                  join request r on r.client_id = ? and r.request_id = s.id
                 where r.body is distinct from s.b::jsonb
                """)
            .params(ids.toArray(String[]::new), bodies.toArray(String[]::new), WRITER)
            .query(String.class)
            .list();
    if (!different.isEmpty()) {
      failures.add("stored bodies that differ from what was sent: " + different);
    }
    System.out.printf(
        "bad-input corpus: %d stored controls, %d GetJobagent reads audited, %d receipts read%n",
        stored.size(), readAudits, receiptAudits);
  }

  private void compare(String what, Set<String> expected, Set<String> actual) {
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(actual);
    Set<String> extra = new HashSet<>(actual);
    extra.removeAll(expected);
    if (!missing.isEmpty()) {
      failures.add(what + " missing for accepted controls: " + first(missing));
    }
    if (!extra.isEmpty()) {
      failures.add(what + " stored for refused requests: " + first(extra));
    }
  }

  private static List<String> first(Set<String> s) {
    return s.stream().sorted().limit(20).toList();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private long count(String sql, List<String> clients) {
    return jdbc.sql(sql).param(clients.toArray(String[]::new)).query(Long.class).single();
  }

  // --- the logs ---------------------------------------------------------------------------------

  private void checkLogs(CapturedOutput output) {
    String logs = output.getAll();
    Set<String> sent = sentCprs;
    // every standalone ten-digit number of the log (one pass), then which of them were sent
    Set<String> logged = new HashSet<>();
    Matcher m = TEN_DIGITS.matcher(logs);
    while (m.find()) {
      logged.add(m.group());
    }
    for (String cpr : sent) {
      if (logged.contains(cpr)) {
        failures.add("a CPR that was sent is in the log in full: " + cpr.substring(0, 6) + "****");
      }
    }
    if (FORGED.matcher(logs).find()) {
      failures.add("a forged log line starts a line of the log");
    }
    System.out.printf(
        "bad-input corpus: %d CPR-shaped numbers sent, %d log characters scanned%n",
        sent.size(), logs.length());
  }

  private void report(int total, Map<String, Long> millis) {
    StringBuilder b =
        new StringBuilder("bad-input corpus: %d requests%n".formatted(total))
            .append(
                "  %-18s %7s %6s %7s %7s %8s %9s%n"
                    .formatted("class", "total", "5xx", "4xx", "2xx", "failed", "ms/req"));
    byKind.forEach(
        (kind, c) ->
            b.append(
                "  %-18s %7d %6d %7d %7d %8d %9.1f%n"
                    .formatted(
                        kind,
                        c[0],
                        c[1],
                        c[2],
                        c[3],
                        c[4],
                        millis.getOrDefault(kind, 0L) / (double) c[0])));
    System.out.print(b);
  }
}
