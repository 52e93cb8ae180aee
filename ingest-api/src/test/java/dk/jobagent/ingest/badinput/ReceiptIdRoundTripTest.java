package dk.jobagent.ingest.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.ingest.IngestTestBase;
import dk.jobagent.ingest.TestCprs;
import dk.jobagent.ingest.badinput.Probe.Expect;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §2: an x-requestId is 1–46 characters, and the 202's {@code Location:
 * /v1/receipts/{x-requestId}} (and the 412's {@code receipt}) must be readable for every accepted
 * one, whatever characters it holds. Over real sockets, against the running server: the id is sent
 * as the header's bytes, the Location must be the id percent-encoded as one path segment (RFC 3986,
 * UTF-8), and a GET of exactly that Location must answer the receipt of exactly that id. Control
 * characters are refused (1014 when the request is HTTP at all).
 */
class ReceiptIdRoundTripTest extends IngestTestBase {

  // only unreserved characters and escapes: nothing a client or server could read as syntax
  private static final Pattern SEGMENT = Pattern.compile("(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})+");

  private final String client = "rid-" + UUID.randomUUID().toString().substring(0, 8);
  private final String token = writer(client);

  /** Ids with every character the brief names, dot segments, escapes-as-text and unicode. */
  private static List<String> named() {
    String u = UUID.randomUUID().toString().substring(0, 6);
    return List.of(
        u + "/a",
        u + "/../../actuator/metrics",
        u + "//",
        u + "\\a\\",
        u + "%",
        u + "%2F",
        u + "%252F",
        u + "%00",
        u + "%0d%0a",
        u + ";jsessionid=1",
        u + ";",
        u + "?x=1",
        u + "#frag",
        u + " with spaces ",
        u + "+plus&amp=1",
        u + "~!$&'()*,=:@",
        u + "\"<script>{|}^`[]",
        u + "æøå-ÆØÅ-é-ÿ-\u00a0-\u00b5",
        u + ".",
        u + "..",
        ".",
        "..",
        "...",
        "%",
        "/",
        "\\",
        ";",
        "?",
        "#",
        u);
  }

  /**
   * 46-character ids that together hold every printable ASCII character and every ISO-8859-1 letter
   * a header can carry (0xA0–0xFF), in seeded random order; no space at either end (Tomcat trims
   * those, RFC 9110 §5.5).
   */
  private static List<String> everyCharacter(Random random) {
    List<Character> alphabet = new ArrayList<>();
    for (char c = 0x21; c <= 0x7e; c++) {
      alphabet.add(c);
    }
    for (char c = 0xa0; c <= 0xff; c++) {
      alphabet.add(c);
    }
    alphabet.add(' ');
    List<String> ids = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      Collections.shuffle(alphabet, random);
      StringBuilder all = new StringBuilder();
      alphabet.forEach(all::append);
      for (int at = 0; at < all.length(); at += 44) {
        String middle = all.substring(at, Math.min(all.length(), at + 44));
        ids.add(pad("[" + middle + "]", 46));
      }
    }
    return ids;
  }

  private static String pad(String id, int length) {
    StringBuilder b = new StringBuilder(id);
    while (b.length() < length) {
      b.insert(1, 'x');
    }
    return b.toString();
  }

  @Test
  void everyAcceptedIdIsReadableAtItsLocation() throws Exception {
    List<String> ids = new ArrayList<>(named());
    ids.addAll(everyCharacter(new Random(46)));
    assertThat(ids).anyMatch(id -> id.length() == 46);
    ProbeRunner runner = new ProbeRunner(port, 4);
    List<Probe> writes = new ArrayList<>();
    for (String id : ids) {
      writes.add(create(writes.size(), id, token));
    }
    List<RawHttp.Answer> accepted = runner.run(writes);
    List<String> failures = new ArrayList<>();
    List<Probe> reads = new ArrayList<>();
    List<String> readIds = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      RawHttp.Answer a = accepted.get(i);
      String expected = Oracle.trimmed(id);
      if (a.status() != 202) {
        failures.add(show(id) + ": " + a.status() + " " + a.bodyText());
        continue;
      }
      String location = a.header("Location");
      if (!ownDecoding(location).equals(expected)) {
        failures.add(show(id) + ": Location " + location + " is not the id, encoded");
        continue;
      }
      JsonNode body = JSON.readTree(a.body());
      if (!body.path("receipt").asString().equals(location)
          || !body.path("requestId").asString().equals(expected)) {
        failures.add(show(id) + ": 202 body " + a.bodyText());
      }
      reads.add(get(reads.size(), location, token));
      readIds.add(expected);
      // the repeat's problem links the same receipt
      reads.add(writes.get(i));
      readIds.add(location);
      // another client does not see it
      reads.add(get(reads.size(), location, writer("rid-other-" + client)));
      readIds.add(null);
    }
    List<RawHttp.Answer> answers = runner.run(reads);
    for (int i = 0; i < reads.size(); i += 3) {
      String id = readIds.get(i);
      RawHttp.Answer receipt = answers.get(i);
      if (receipt.status() != 200
          || !JSON.readTree(receipt.body()).path("requestId").asString().equals(id)) {
        failures.add(show(id) + ": GET " + reads.get(i).path() + " -> " + receipt.status());
      }
      RawHttp.Answer repeat = answers.get(i + 1);
      if (repeat.status() != 412
          || !JSON.readTree(repeat.body()).path("receipt").asString().equals(readIds.get(i + 1))) {
        failures.add(show(id) + ": repeat -> " + repeat.status() + " " + repeat.bodyText());
      }
      if (answers.get(i + 2).status() != 404) {
        failures.add(show(id) + ": another client's GET -> " + answers.get(i + 2).status());
      }
    }
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
    assertThat(reads).hasSize(3 * ids.size());
    // the receipts are the ones stored, under exactly these ids
    assertThat(
            jdbc.sql("select count(*) from request where client_id = ? and request_id = any(?)")
                .params(client, ids.stream().map(Oracle::trimmed).toArray(String[]::new))
                .query(Long.class)
                .single())
        .isEqualTo(ids.size());
  }

  @Test
  void idsSentAsUtf8BytesAreReadAsTheirIso88591CharactersAndStillRoundTrip() throws Exception {
    // Header bytes are ISO-8859-1 characters to Tomcat (RFC 9110 §5.5 obs-text): "æ" sent as UTF-8
    // is the id "Ã¦". Where such a reading holds a C1 control (the UTF-8 of "€" has 0x82), it is
    // refused like any control character.
    String u = UUID.randomUUID().toString().substring(0, 6);
    String utf8Id = u + "-æøå";
    String asRead = Corpus.latin1(utf8Id);
    String withEuro = Corpus.latin1(u + "-€");
    ProbeRunner runner = new ProbeRunner(port, 2);
    List<RawHttp.Answer> a =
        runner.run(List.of(create(0, asRead, token), create(1, withEuro, token)));
    assertThat(a.get(0).status()).isEqualTo(202);
    String location = a.get(0).header("Location");
    assertThat(ownDecoding(location)).isEqualTo(asRead);
    RawHttp.Answer receipt = runner.send(get(2, location, token));
    assertThat(receipt.status()).isEqualTo(200);
    assertThat(JSON.readTree(receipt.body()).path("requestId").asString()).isEqualTo(asRead);
    assertThat(a.get(1).status()).isEqualTo(400);
    assertThat(JSON.readTree(a.get(1).body()).path("code").asInt()).isEqualTo(1014);
  }

  @Test
  void controlCharactersAreRefused() throws Exception {
    String u = UUID.randomUUID().toString().substring(0, 6);
    ProbeRunner runner = new ProbeRunner(port, 4);
    // reach the application: HTAB inside the value, C1 controls (bytes 0x80-0x9F) -> 1014
    List<String> readable = List.of(u + "\tb", u + "\u0085", u + "\u009f", u + "\u0080x");
    // not HTTP (RFC 9110 §5.5): Tomcat refuses the message before it is read -> 400, no code
    List<String> notHttp = List.of(u + "\u0001", u + "\u001b[31m", u + "\u007f", u + "\u000b");
    List<Probe> probes = new ArrayList<>();
    for (String id : readable) {
      probes.add(create(probes.size(), id, token));
    }
    for (String id : notHttp) {
      probes.add(create(probes.size(), id, token));
    }
    // the x-requestId of a bulk upload is read the same way
    List<String[]> bulk = new ArrayList<>();
    bulk.add(new String[] {"Authorization", "Bearer " + token});
    bulk.add(new String[] {"x-requestId", u + "\tbulk"});
    bulk.add(new String[] {"Content-Type", "application/x-ndjson"});
    Probe upload =
        new Probe(
            99,
            "receipt-id",
            "POST",
            "/v1/bulk-files",
            bulk,
            "{}\n".getBytes(StandardCharsets.UTF_8),
            false,
            null,
            Expect.rejected(0, null));
    RawHttp.Answer uploaded = runner.send(upload);
    assertThat(uploaded.status()).isEqualTo(400);
    assertThat(JSON.readTree(uploaded.body()).path("code").asInt()).isEqualTo(1014);
    List<RawHttp.Answer> answers = runner.run(probes);
    for (int i = 0; i < probes.size(); i++) {
      RawHttp.Answer a = answers.get(i);
      String id = i < readable.size() ? readable.get(i) : notHttp.get(i - readable.size());
      assertThat(a.status()).as(show(id)).isEqualTo(400);
      assertThat(a.header("Content-Type")).as(show(id)).startsWith("application/problem+json");
      JsonNode code = JSON.readTree(a.body()).get("code");
      if (i < readable.size()) {
        assertThat(code).as(show(id)).isNotNull();
        assertThat(code.asInt()).as(show(id)).isEqualTo(1014);
      } else {
        assertThat(code).as(show(id)).isNull();
      }
    }
    assertThat(
            jdbc.sql("select count(*) from request where client_id = ?")
                .param(client)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void receiptPathsThatNoLocationHasAreStillRefusedOrNotFound() throws Exception {
    ProbeRunner runner = new ProbeRunner(port, 4);
    // literal ';', '\', dot segments and NUL are never in a Location: the strict firewall refuses
    // them; so it does for the escapes on any other path
    List<String> refused =
        List.of(
            "/v1/receipts/a;b",
            "/v1/receipts/a\\b",
            "/v1/receipts/a%2Fb/..",
            "/v1/receipts/..",
            "/v1/receipts/a%00",
            "/v1/Jobagent%2F..%2Freceipts",
            "/v1/Jobagent%5C..%5Creceipts",
            "/actuator/health%2F..%2F..%2Fv1%2Freceipts%2Fx",
            "/v1/bulk-files/%2E%2E");
    // escapes inside a receipt's segment stay inside it: these are ids nobody sent
    List<String> notFound =
        List.of(
            "/v1/receipts/a%2F..%2F..%2Factuator%2Fmetrics",
            "/v1/receipts/%2E%2E%2F%2E%2E%2Fv1%2FJobagent",
            "/v1/receipts/%E2%80%A8%0A%0D",
            "/v1/receipts/" + "%41".repeat(2_000),
            "/v1/receipts/" + "x".repeat(6_000),
            "/v1/receipts/a/b");
    List<Probe> probes = new ArrayList<>();
    for (String path : refused) {
      probes.add(get(probes.size(), path, token));
    }
    for (String path : notFound) {
      probes.add(get(probes.size(), path, token));
    }
    List<RawHttp.Answer> answers = runner.run(probes);
    for (int i = 0; i < probes.size(); i++) {
      RawHttp.Answer a = answers.get(i);
      String path = probes.get(i).path();
      assertThat(a.status()).as(path).isEqualTo(i < refused.size() ? 400 : 404);
      assertThat(a.header("Content-Type")).as(path).startsWith("application/problem+json");
    }
  }

  @Test
  void aClientMayLeaveSubDelimitersUnencoded() throws Exception {
    // what encodeURIComponent leaves as it is, and the rest of RFC 3986's pchar but ';'
    String id = UUID.randomUUID().toString().substring(0, 6) + "!$&'()*+,=:@~";
    ProbeRunner runner = new ProbeRunner(port, 1);
    assertThat(runner.send(create(0, id, token)).status()).isEqualTo(202);
    RawHttp.Answer receipt = runner.send(get(1, "/v1/receipts/" + id, token));
    assertThat(receipt.status()).isEqualTo(200);
    assertThat(JSON.readTree(receipt.body()).path("requestId").asString()).isEqualTo(id);
  }

  @Test
  void locationsAreThePercentEncodedId() {
    assertThat(encode("a/b;c")).isEqualTo("a%2Fb%3Bc");
    assertThat(encode("é ")).isEqualTo("%C3%A9%20");
    assertThat(encode(".")).isEqualTo("%2E");
    assertThat(encode("..")).isEqualTo("%2E%2E");
    assertThat(encode("a.b-c_d~e")).isEqualTo("a.b-c_d~e");
    assertThat(encode("%")).isEqualTo("%25");
  }

  /** The product's Location for an id, through the product's link. */
  private static String encode(String id) {
    return dk.jobagent.schemas.ReceiptLinks.receipt(id).substring("/v1/receipts/".length());
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** This test's own reading of a Location: one segment, percent-decoded as UTF-8. */
  private static String ownDecoding(String location) {
    if (location == null || !location.startsWith("/v1/receipts/")) {
      return "<no receipt Location: " + location + ">";
    }
    String segment = location.substring("/v1/receipts/".length());
    if (!SEGMENT.matcher(segment).matches()) {
      return "<not one encoded segment: " + location + ">";
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static Probe create(int seq, String id, String token) {
    List<String[]> h = new ArrayList<>();
    h.add(new String[] {"Authorization", "Bearer " + token});
    h.add(new String[] {"x-civilRegistrationIdentifier", TestCprs.next()});
    h.add(new String[] {"x-requestId", id});
    h.add(new String[] {"Content-Type", "application/json"});
    return new Probe(
        seq,
        "receipt-id",
        "POST",
        "/v1/Jobagent",
        h,
        validCreateBody().getBytes(StandardCharsets.UTF_8),
        false,
        null,
        Expect.rejected(0, null));
  }

  private static Probe get(int seq, String path, String token) {
    return new Probe(
        seq,
        "receipt-id",
        "GET",
        path,
        List.<String[]>of(new String[] {"Authorization", "Bearer " + token}),
        null,
        false,
        null,
        Expect.rejected(0, null));
  }

  private static String show(String id) {
    StringBuilder b = new StringBuilder("x-requestId \"");
    id.chars()
        .forEach(
            c -> {
              if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                b.append("\\u%04x".formatted(c));
              } else {
                b.append((char) c);
              }
            });
    return b.append('"').toString();
  }
}
