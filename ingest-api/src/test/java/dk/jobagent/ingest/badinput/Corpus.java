package dk.jobagent.ingest.badinput;

import dk.jobagent.ingest.badinput.Probe.Effect;
import dk.jobagent.ingest.badinput.Probe.Expect;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the bad-input corpus (issue #8, scenario 7) from a fixed seed: valid requests of the
 * four operations mutated field by field with a fixed list of nasty values, byte-level damage
 * (truncation, stray bytes, bad UTF-8), every CPR and x-requestId edge, wrong content types, huge
 * and deeply nested bodies, hostile headers and tokens. Each probe's expectation comes from {@link
 * Oracle}; accepted controls are mixed in. The same seed gives the same corpus, so a failure names
 * a probe that can be replayed.
 */
final class Corpus {

  static final long SEED = 20_260_008L;

  static final String CREATE_PATH = "/v1/Jobagent";
  static final String UPDATE_PATH = "/v1/UpdateJobagent";
  static final String CPR = "x-civilRegistrationIdentifier";
  static final String RID = "x-requestId";

  /** The four operations on their five paths (DeleteJobagent has an alias). */
  enum Op {
    CREATE("POST", CREATE_PATH),
    UPDATE("PUT", UPDATE_PATH),
    DELETE("DELETE", UPDATE_PATH),
    DELETE_ALIAS("DELETE", CREATE_PATH),
    GET("GET", CREATE_PATH);

    final String method;
    final String path;

    Op(String method, String path) {
      this.method = method;
      this.path = path;
    }

    boolean write() {
      return this != GET;
    }

    boolean hasBody() {
      return this == CREATE || this == UPDATE;
    }
  }

  /** Tokens the corpus uses; minted by the test (they carry times, so they are not seeded). */
  record Tokens(
      String writer,
      String readOnly,
      String writeOnly,
      String guest,
      String noCategory,
      String expired,
      String tampered,
      String unsigned) {}

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final String MARK = "@@MUTATION@@";
  static final int LIMIT = 1024 * 1024;

  /** For raw requests: any code (or none) is right, whatever part Tomcat let through. */
  static final int ANY_CODE = -1;

  private final Random random = new Random(SEED);
  private final Tokens tokens;
  private final List<Probe> probes = new ArrayList<>();
  private int seq;

  Corpus(Tokens tokens) {
    this.tokens = tokens;
  }

  List<Probe> build() {
    cprEdges();
    requestIdEdges();
    fieldValues();
    brokenLiterals();
    structure();
    truncations();
    strayBytes();
    badUtf8();
    nesting();
    huge();
    contentTypes();
    acceptHeaders();
    methods();
    repeatedHeaders();
    oversizedHeaders();
    badTokens();
    bulkFiles();
    unreadableHeaders();
    raw();
    randomMultiField(3_400);
    return List.copyOf(probes);
  }

  // --- valid requests -------------------------------------------------------------------------

  ObjectNode validBody(boolean update) {
    ObjectNode b = JSON.createObjectNode();
    b.put("ClientCategoryTypeIdentifier", "DAGPENGE");
    b.put("EnrollmentDate", "2026-11-27");
    b.put("CurrentUnemploymentStatusTypeIdentifier", "FULDT_LEDIG");
    b.put("Haendelsesdato", "2026-11-26T09:30:00+01:00");
    b.put("EmailAddressIdentifier", "borger@example.dk");
    ArrayNode professions = b.putArray("Profession");
    professions.add(profession());
    if (update) {
      b.put("BookingStartTime", "2026-12-01T10:00:00+01:00");
      b.put("InterviewOptionID", guid());
      b.put("CaseWorkerIdentifier", "CVR-RID-12345678");
      b.put("InterviewContactTypeIdentifier", "TELEFONISK");
    }
    return b;
  }

  private ObjectNode profession() {
    ObjectNode p = JSON.createObjectNode();
    p.put("ConceptUriDa", "http://data.europa.eu/esco/occupation/" + guid());
    p.put("AliasIdentifier", guid());
    p.put("HasEducation", true);
    p.put("YearLastUsed", 2024);
    p.put("MonthsOfExperience", 12);
    p.put("jobTargetIdentifier", guid());
    return p;
  }

  private String guid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** A synthetic CPR: day 01–28, a real month, serial 9000–9999 (never a real person's). */
  String cpr() {
    return "%02d%02d%02d%04d"
        .formatted(
            1 + random.nextInt(28),
            1 + random.nextInt(12),
            random.nextInt(100),
            9000 + random.nextInt(1000));
  }

  private String requestId() {
    return "bi-%05d".formatted(seq);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(JsonNode n) {
    return JSON.writeValueAsBytes(n);
  }

  // --- probe builders -------------------------------------------------------------------------

  private List<String[]> headers(String token, String cpr, String requestId, String contentType) {
    List<String[]> h = new ArrayList<>();
    if (token != null) {
      h.add(new String[] {"Authorization", "Bearer " + token});
    }
    if (cpr != null) {
      h.add(new String[] {CPR, cpr});
    }
    if (requestId != null) {
      h.add(new String[] {RID, requestId});
    }
    if (contentType != null) {
      h.add(new String[] {"Content-Type", contentType});
    }
    return h;
  }

  /** The expectation of a write by the corpus' writer, from the oracle, in the API's order. */
  static Expect expectWrite(String cpr, String requestId, boolean bodyValid) {
    if (!Oracle.cprValid(cpr)) {
      return Expect.rejected(400, 1001);
    }
    if (!Oracle.requestIdValid(requestId)) {
      return Expect.rejected(400, 1014);
    }
    if (!bodyValid) {
      return Expect.rejected(400, 1014);
    }
    return Expect.stored(Oracle.trimmed(requestId));
  }

  static Expect expectGet(String cpr) {
    if (!Oracle.cprValid(cpr)) {
      return Expect.rejected(400, 1001);
    }
    // nobody in the corpus is in the person register
    return new Expect(404, 1010, Effect.READ_AUDIT, null, true);
  }

  private void add(
      String kind,
      String method,
      String path,
      List<String[]> headers,
      byte[] body,
      boolean chunked,
      Expect expect) {
    probes.add(new Probe(seq++, kind, method, path, headers, body, chunked, null, expect));
  }

  /** One request of an operation with the given CPR, request id and body; oracle expectation. */
  private void op(String kind, Op op, String cpr, String requestId, byte[] body, Boolean bodyOk) {
    if (op == Op.GET) {
      add(
          kind,
          "GET",
          op.path,
          headers(tokens.writer, cpr, null, null),
          null,
          false,
          expectGet(cpr));
      return;
    }
    boolean valid =
        op.hasBody() ? bodyOk : body == null || new String(body, StandardCharsets.UTF_8).isBlank();
    // the size limit is applied while the body is read, before any header is looked at
    Expect expect =
        body != null && body.length > LIMIT
            ? Expect.rejected(413, null)
            : expectWrite(cpr, requestId, valid);
    add(
        kind,
        op.method,
        op.path,
        headers(tokens.writer, cpr, requestId, "application/json"),
        body,
        false,
        expect);
  }

  /** A valid request of the operation, with the given CPR header value. */
  private void withCpr(String kind, Op op, String cprValue) {
    byte[] body = op.hasBody() ? bytes(validBody(op == Op.UPDATE)) : null;
    op(kind, op, cprValue, requestId(), body, true);
  }

  /** The operation with a body (CREATE or UPDATE) and the oracle's verdict on it. */
  private void withBody(String kind, boolean update, JsonNode body) {
    op(
        kind,
        update ? Op.UPDATE : Op.CREATE,
        cpr(),
        requestId(),
        bytes(body),
        Oracle.bodyValid(body, update));
  }

  /** The operation with body bytes that are invalid by construction. */
  private void withBadBytes(String kind, boolean update, byte[] body) {
    op(kind, update ? Op.UPDATE : Op.CREATE, cpr(), requestId(), body, false);
  }

  // --- CPR header -----------------------------------------------------------------------------

  private void cprEdges() {
    List<String> values = new ArrayList<>();
    values.add(null);
    values.addAll(
        List.of(
            "",
            " ",
            "0",
            "0000000000",
            "00000000000",
            "000000000",
            "2902909001",
            "3101909001",
            "3012909001",
            "3004909001",
            "3201909001",
            "0013909001",
            "0000909001",
            "3002909001",
            "2902",
            "3104909001",
            "3106909001",
            "3109909001",
            "3111909001",
            "0100909001",
            "1300909001",
            "9999999999",
            "010190900",
            "01019090011",
            "010190900112",
            "0".repeat(20),
            "1".repeat(5000),
            "010190-9001",
            "-0101909001",
            "0101909001-",
            "01-01-90-9001",
            "010190 9001",
            " 0101909001",
            "0101909001 ",
            "\t0101909001\t",
            "0101909001,0202909002",
            "0101909001, 0101909001",
            "0101909001;",
            "+0101909001",
            "+4501019090",
            "0x0101909001",
            "1e9",
            "1.01909001",
            "-101909001",
            "null",
            "undefined",
            "0101909001' OR '1'='1",
            "' OR 1=1 --",
            "0101909001\"}",
            "${jndi:ldap://127.0.0.1/x}",
            "abcdefghij",
            "O1O19O9OO1",
            "I101909001",
            "0101909OO1",
            latin1("٠١٠١٩٠٩٠٠١"),
            latin1("０１０１９０９００１"),
            latin1("०१०१९०९००१"),
            latin1("0101909001\u200b"),
            latin1("\ufeff0101909001"),
            "0101909001\u00a0",
            "é101909001",
            "%30101909001",
            "0101909001%00"));
    // seeded one-character mutations of valid CPRs: delete, insert, replace, swap
    String alphabet = "0123456789aZ -./+é\u00a0";
    for (int i = 0; i < 220; i++) {
      StringBuilder c = new StringBuilder(cpr());
      int at = random.nextInt(c.length());
      char ch = alphabet.charAt(random.nextInt(alphabet.length()));
      switch (random.nextInt(4)) {
        case 0 -> c.deleteCharAt(at);
        case 1 -> c.insert(at, ch);
        case 2 -> c.setCharAt(at, ch);
        default -> {
          int other = random.nextInt(c.length());
          char a = c.charAt(at);
          c.setCharAt(at, c.charAt(other));
          c.setCharAt(other, a);
        }
      }
      values.add(c.toString());
    }
    for (String v : values) {
      for (Op op : Op.values()) {
        withCpr("cpr", op, v);
      }
    }
  }

  /** The UTF-8 bytes of a text as the ISO-8859-1 characters Tomcat decodes header bytes into. */
  static String latin1(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  // --- x-requestId header ---------------------------------------------------------------------

  private void requestIdEdges() {
    for (Op op : List.of(Op.CREATE, Op.UPDATE, Op.DELETE, Op.DELETE_ALIAS)) {
      List<String> values = new ArrayList<>();
      String n = "%05d".formatted(seq);
      values.add(null);
      values.addAll(
          List.of(
              "",
              " ",
              "\t",
              pad(n, 46, 'r'),
              pad(n, 47, 'r'),
              pad(n, 100, 'r'),
              pad(n, 4000, 'r'),
              n,
              pad(n, 46, 'é'),
              pad(n, 47, 'é'),
              " " + pad(n, 46, 's') + " ",
              n + "'; DROP TABLE request; --",
              n + "\"); DELETE FROM outbox; --",
              n + "/../../etc/passwd",
              n + "/",
              n + "?x=1#f",
              n + "%00",
              n + "%0d%0aX-Injected: 1",
              n + "<script>alert(1)</script>",
              n + "${jndi:ldap://127.0.0.1/x}",
              n + "%s%n%x",
              n + "\\n2026-01-01 ERROR FORGED-LOG-LINE",
              n + " 0101909001"));
      for (String v : values) {
        byte[] body = op.hasBody() ? bytes(validBody(op == Op.UPDATE)) : null;
        op("request-id", op, cpr(), v, body, true);
      }
    }
  }

  private static String pad(String prefix, int length, char filler) {
    StringBuilder b = new StringBuilder(prefix);
    while (b.length() < length) {
      b.append(filler);
    }
    return b.substring(0, length);
  }

  // --- body members: every field x every nasty value -------------------------------------------

  /** Valid JSON values (literals) with the wrong type, shape, length or content for some field. */
  static List<String> nastyValues() {
    List<String> v = new ArrayList<>();
    v.addAll(
        List.of(
            "null",
            "true",
            "false",
            "0",
            "-1",
            "2024",
            "1.5",
            "1.0",
            "1e2",
            "-0",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "1E400",
            "99999999999999999999999999",
            "[]",
            "{}",
            "[1]",
            "[null]",
            "[{}]",
            "{\"a\":1}",
            "\"\"",
            "\" \"",
            "\"x\"",
            "\"true\"",
            "\"2024\"",
            "\"DAGPENGE\"",
            quote("a".repeat(100)),
            quote("a".repeat(101)),
            quote("a".repeat(255)),
            quote("a".repeat(256)),
            quote("a".repeat(2048)),
            quote("a".repeat(2049)),
            quote("æ".repeat(100)),
            quote("\uD83D\uDE00".repeat(100)),
            quote("\uD83D\uDE00".repeat(101))));
    // dates
    v.addAll(
        quoted(
            "2026-11-27",
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-11-00",
            "2024-02-29",
            "2026-02-29",
            "26-11-27",
            "2026/11/27",
            "27-11-2026",
            "20261127",
            "2026-W48-5",
            "2026-331",
            "2026-11-27T10:00:00+01:00",
            "2026-11-27T10:00:00Z",
            "2026-11-27T10:00",
            "2026-11-27T10:00:00.123456789Z",
            "2026-11-27T10:00:00.1234567890Z",
            "2026-11-27T25:00",
            "2026-11-27T24:00",
            "2026-11-27T10:60",
            "2026-11-27T23:59:60Z",
            "2026-11-27T10:00:00+18:00",
            "2026-11-27T10:00:00+19:00",
            "2026-11-27T10:00:00+0100",
            "2026-11-27 10:00",
            "2026-11-27t10:00",
            "2026-11-27Z",
            "+2026-11-27",
            "0000-01-01",
            "9999-12-31",
            "2026-03-29T02:30",
            "2026-11-27\n",
            " 2026-11-27",
            "٢٠٢٦-١١-٢٧",
            "２０２６-11-27",
            "2026-11-27T10:00:00+01:00[Europe/Copenhagen]"));
    // GUIDs
    v.addAll(
        quoted(
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
            "00000000-0000-0000-0000-000000000000",
            "3f2504e04f8911d39a0c0305e82c3301",
            "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}",
            "3f2504e0-4f89-11d3-9a0c-0305e82c330",
            "3f2504e0-4f89-11d3-9a0c-0305e82c33011",
            "3g2504e0-4f89-11d3-9a0c-0305e82c3301",
            "3f2504e0_4f89_11d3_9a0c_0305e82c3301",
            " 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301\n",
            "urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "３f2504e0-4f89-11d3-9a0c-0305e82c3301"));
    // e-mail addresses
    v.addAll(
        quoted(
            "borger@example.dk",
            "@x",
            "a@",
            "no-at-sign",
            "a@b@c.dk",
            "a b@c.dk",
            "a@b c.dk",
            "a<b@c.dk",
            "a>b@c.dk",
            "a(b@c.dk",
            "a[b]@c.dk",
            "a\\b@c.dk",
            "a,b@c.dk",
            "a;b@c.dk",
            "a:b@c.dk",
            "a\tb@c.dk",
            "a@b.dk\n",
            "æøå@jobcenter.dk",
            "a".repeat(191) + "@x.dk",
            "a".repeat(192) + "@x.dk",
            "a@" + "b".repeat(64),
            "a@" + "b".repeat(65),
            "0101909001@example.dk"));
    // injection and log forging: valid strings that must be stored as they are, or refused
    v.addAll(
        quoted(
            "' OR '1'='1",
            "'; DROP TABLE request; --",
            "Robert'); DROP TABLE enrolment;--",
            "\"},{\"ClientCategoryTypeIdentifier\":\"UDEN_YDELSE\"",
            "\r\nX-Injected: 1",
            "\n2026-01-01T00:00:00.000Z ERROR FORGED-LOG-LINE cpr=0101909001",
            "${jndi:ldap://127.0.0.1/a}",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "%s%n%x%p",
            "\u202eevil",
            "0101909001",
            "010190-9001",
            "\u0000",
            "a\u0000b",
            "\ud800",
            "\udc00x",
            "\uffff",
            "\u2028\u2029",
            "\u0085"));
    return v;
  }

  private static String quote(String s) {
    return JSON.writeValueAsString(s);
  }

  private static List<String> quoted(String... values) {
    return Arrays.stream(values).map(Corpus::quote).toList();
  }

  /** The mutable members of a body: top-level names and "Profession/0/name". */
  static List<String> fields(boolean update) {
    List<String> f = new ArrayList<>(Oracle.CREATE.keySet().stream().sorted().toList());
    if (update) {
      f.addAll(Oracle.UPDATE_EXTRA.keySet().stream().sorted().toList());
    }
    Oracle.PROFESSION.keySet().stream().sorted().forEach(p -> f.add("Profession/0/" + p));
    return f;
  }

  /** The object that holds the field; null when an earlier mutation replaced it. */
  private static ObjectNode target(ObjectNode body, String field) {
    if (!field.startsWith("Profession/0/")) {
      return body;
    }
    JsonNode list = body.get("Profession");
    JsonNode item = list != null && list.isArray() ? list.get(0) : null;
    return item instanceof ObjectNode o ? o : null;
  }

  private static String leaf(String field) {
    return field.substring(field.lastIndexOf('/') + 1);
  }

  private void fieldValues() {
    List<String> values = nastyValues();
    for (boolean update : new boolean[] {false, true}) {
      for (String field : fields(update)) {
        for (String literal : values) {
          ObjectNode body = validBody(update);
          target(body, field).set(leaf(field), JSON.readTree(literal));
          withBody("field-value", update, body);
        }
      }
    }
  }

  /** Text that is not a JSON value at all, spliced in where a member's value goes. */
  static final List<String> BROKEN_LITERALS =
      List.of(
          "0101909001",
          "01",
          "NaN",
          "Infinity",
          "-Infinity",
          "undefined",
          "'single'",
          "\"unterminated",
          "tru",
          "nul",
          "1.",
          ".5",
          "+1",
          "0x1F",
          "1e",
          "--1",
          "\"\\x41\"",
          "\"\\u12\"",
          "\"\\q\"",
          "[1,]",
          "{\"a\":1,}",
          "{,}",
          "// comment\n1",
          "/* c */ 1",
          "\"a\" \"b\"",
          "",
          "\"tab\tinside\"",
          "\"nl\ninside\"",
          "\"\u0001\"",
          "{\"a\" 1}",
          "[1 2]",
          "}",
          "]");

  private void brokenLiterals() {
    for (boolean update : new boolean[] {false, true}) {
      for (String field : fields(update)) {
        for (String literal : BROKEN_LITERALS) {
          ObjectNode body = validBody(update);
          target(body, field).put(leaf(field), MARK);
          String text = JSON.writeValueAsString(body).replace(quote(MARK), literal);
          withBadBytes("broken-json", update, bytes(text));
        }
      }
    }
  }

  // --- structure: missing, unknown, duplicated members; wrong roots ---------------------------

  private void structure() {
    for (boolean update : new boolean[] {false, true}) {
      for (String field : fields(update)) {
        ObjectNode body = validBody(update);
        target(body, field).remove(leaf(field));
        withBody("missing-member", update, body);

        // the member twice (strict duplicate detection): spliced, since a tree cannot hold it
        ObjectNode twice = validBody(update);
        JsonNode value = target(twice, field).get(leaf(field));
        target(twice, field).put(leaf(field), MARK);
        String member = quote(leaf(field)) + ":" + JSON.writeValueAsString(value);
        String text =
            JSON.writeValueAsString(twice)
                .replace(quote(MARK), JSON.writeValueAsString(value) + "," + member);
        withBadBytes("duplicate-member", update, bytes(text));
      }
      for (String unknown :
          List.of(
              "clientCategoryTypeIdentifier",
              "ClientCategoryTypeIdentifier ",
              "__proto__",
              "constructor",
              "",
              "$where",
              "x".repeat(1025),
              "line\nbreak",
              "0101909001",
              "Profession\u0000",
              "EnrollmentDate\u200b")) {
        ObjectNode body = validBody(update);
        body.put(unknown, "x");
        withBody("unknown-member", update, body);
        ObjectNode inProfession = validBody(update);
        ((ObjectNode) inProfession.get("Profession").get(0)).put(unknown, 1);
        withBody("unknown-member", update, inProfession);
      }
      if (!update) {
        // a BookingStartTime etc. on a CreateJobagent is an unknown member
        ObjectNode withBooking = validBody(true);
        withBody("unknown-member", false, withBooking);
      }
      for (String root :
          List.of("null", "true", "1", "\"x\"", "[]", "{}", "[{}]", "[null]", "\"{}\"")) {
        withBody("wrong-root", update, JSON.readTree(root));
      }
      ArrayNode array = JSON.createArrayNode();
      array.add(validBody(update));
      withBody("wrong-root", update, array);

      ObjectNode many = validBody(update);
      ArrayNode professions = many.putArray("Profession");
      for (int i = 0; i < 200; i++) {
        professions.add(profession());
      }
      withBody("profession-count", update, many);
      ObjectNode tooMany = many.deepCopy();
      ((ArrayNode) tooMany.get("Profession")).add(profession());
      withBody("profession-count", update, tooMany);
      ObjectNode none = validBody(update);
      none.putArray("Profession");
      withBody("profession-count", update, none);
      ObjectNode nullProfession = validBody(update);
      nullProfession.putNull("Profession");
      withBody("profession-count", update, nullProfession);
    }
  }

  // --- bytes: truncation, stray bytes, bad UTF-8 ------------------------------------------------

  private void truncations() {
    for (boolean update : new boolean[] {false, true}) {
      byte[] full = bytes(validBody(update));
      for (int n = 0; n < full.length; n++) {
        withBadBytes("truncated", update, Arrays.copyOf(full, n));
      }
    }
  }

  /** Bytes that are wrong wherever they stand in an ASCII JSON text. */
  private static final byte[] ALWAYS_WRONG = {
    0x00,
    0x01,
    0x08,
    0x0b,
    0x0c,
    0x1b,
    0x1f,
    (byte) 0x80,
    (byte) 0xbf,
    (byte) 0xc0,
    (byte) 0xc1,
    (byte) 0xf5,
    (byte) 0xf8,
    (byte) 0xfe,
    (byte) 0xff
  };

  private void strayBytes() {
    for (boolean update : new boolean[] {false, true}) {
      for (int i = 0; i < 300; i++) {
        byte[] full = bytes(validBody(update));
        int at = random.nextInt(full.length + 1);
        byte stray = ALWAYS_WRONG[random.nextInt(ALWAYS_WRONG.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(full, 0, at);
        out.write(stray);
        out.write(full, at, full.length - at);
        withBadBytes("stray-byte", update, out.toByteArray());
      }
      for (int i = 0; i < 150; i++) {
        byte[] full = bytes(validBody(update));
        full[random.nextInt(full.length)] = ALWAYS_WRONG[random.nextInt(ALWAYS_WRONG.length)];
        withBadBytes("stray-byte", update, full);
      }
    }
  }

  private static final int[][] BAD_UTF8 = {
    {0xc0, 0xaf}, // overlong '/'
    {0xc1, 0xbf},
    {0x80},
    {0xbf},
    {0xe2, 0x82}, // truncated 3-byte sequence
    {0xe2, 0x28, 0xa1},
    {0xed, 0xa0, 0x80}, // an encoded surrogate
    {0xed, 0xbf, 0xbf},
    {0xf0, 0x82, 0x82, 0xac}, // overlong 4-byte
    {0xf4, 0x90, 0x80, 0x80}, // above U+10FFFF
    {0xf5, 0x80, 0x80, 0x80},
    {0xf8, 0x88, 0x80, 0x80, 0x80},
    {0xfc, 0x84, 0x80, 0x80, 0x80, 0x80},
    {0xfe},
    {0xff},
    {0xc3} // a lead byte at the end of a string
  };

  private void badUtf8() {
    for (boolean update : new boolean[] {false, true}) {
      for (String field :
          List.of(
              "ClientCategoryTypeIdentifier",
              "EmailAddressIdentifier",
              "Profession/0/ConceptUriDa",
              update ? "CaseWorkerIdentifier" : "CurrentUnemploymentStatusTypeIdentifier")) {
        for (int[] seqBytes : BAD_UTF8) {
          ObjectNode body = validBody(update);
          target(body, field).put(leaf(field), "ab" + MARK + "cd");
          byte[] text = bytes(body);
          byte[] mark = bytes(MARK);
          int at = indexOf(text, mark);
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.write(text, 0, at);
          for (int b : seqBytes) {
            out.write(b);
          }
          out.write(text, at + mark.length, text.length - at - mark.length);
          withBadBytes("bad-utf8", update, out.toByteArray());
        }
      }
      // other encodings of a valid body: SPEC §2 says UTF-8
      String text = JSON.writeValueAsString(validBody(update));
      withBadBytes("bad-utf8", update, text.getBytes(StandardCharsets.UTF_16LE));
      withBadBytes("bad-utf8", update, text.getBytes(StandardCharsets.UTF_16BE));
      withBadBytes("bad-utf8", update, text.getBytes(StandardCharsets.UTF_16));
      withBadBytes("bad-utf8", update, text.getBytes(java.nio.charset.Charset.forName("UTF-32")));
      withBadBytes(
          "bad-utf8",
          update,
          text.replace("borger@example.dk", "børger@example.dk")
              .getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("mark not found");
  }

  // --- nesting and size -----------------------------------------------------------------------

  private void nesting() {
    for (boolean update : new boolean[] {false, true}) {
      withBadBytes("nesting", update, bytes("[".repeat(10_000) + "]".repeat(10_000)));
      withBadBytes("nesting", update, bytes("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
      withBadBytes("nesting", update, bytes("[".repeat(100_000) + "]".repeat(100_000)));
      withBadBytes("nesting", update, bytes("[".repeat(10_000)));
      withBadBytes("nesting", update, bytes("{\"a\":".repeat(50_000)));
      for (String field :
          List.of("EmailAddressIdentifier", "Profession", "Profession/0/ConceptUriDa")) {
        for (int depth : new int[] {14, 17, 10_000}) {
          ObjectNode body = validBody(update);
          target(body, field).put(leaf(field), MARK);
          String text =
              JSON.writeValueAsString(body)
                  .replace(quote(MARK), "[".repeat(depth) + "]".repeat(depth));
          withBadBytes("nesting", update, bytes(text));
        }
      }
    }
  }

  private void huge() {
    int limit = 1024 * 1024;
    for (boolean update : new boolean[] {false, true}) {
      Op op = update ? Op.UPDATE : Op.CREATE;
      ObjectNode big = validBody(update);
      big.put("EmailAddressIdentifier", "a".repeat(limit) + "@x.dk");
      byte[] over = bytes(big);
      add("huge", op.method, op.path, writerHeaders(), over, false, Expect.rejected(413, null));
      add("huge", op.method, op.path, writerHeaders(), over, true, Expect.rejected(413, null));
      add(
          "huge",
          op.method,
          op.path,
          writerHeaders(),
          bytes("[".repeat(1_500_000)),
          false,
          Expect.rejected(413, null));
      // exactly at the limit, padded with whitespace: still a valid body
      byte[] valid = bytes(validBody(update));
      byte[] padded = Arrays.copyOf(valid, limit);
      Arrays.fill(padded, valid.length, limit, (byte) ' ');
      String id = requestId();
      add(
          "huge",
          op.method,
          op.path,
          headers(tokens.writer, cpr(), id, "application/json"),
          padded,
          false,
          Expect.stored(id));
      byte[] oneOver = Arrays.copyOf(valid, limit + 1);
      Arrays.fill(oneOver, valid.length, limit + 1, (byte) ' ');
      add("huge", op.method, op.path, writerHeaders(), oneOver, false, Expect.rejected(413, null));
      ObjectNode longUri = validBody(update);
      ((ObjectNode) longUri.get("Profession").get(0)).put("ConceptUriDa", "u".repeat(1_000_000));
      withBody("huge", update, longUri);
      ObjectNode manyProfessions = validBody(update);
      ArrayNode list = manyProfessions.putArray("Profession");
      for (int i = 0; i < 4_000; i++) {
        list.add(profession());
      }
      withBody("huge", update, manyProfessions);
      ObjectNode manyMembers = validBody(update);
      for (int i = 0; i < 20_000; i++) {
        manyMembers.put("m" + i, i);
      }
      withBody("huge", update, manyMembers);
      withBadBytes(
          "huge",
          update,
          bytes(
              JSON.writeValueAsString(validBody(update))
                  .replace("\"YearLastUsed\":2024", "\"YearLastUsed\":" + "9".repeat(1000))));
    }
    for (Op op : List.of(Op.DELETE, Op.DELETE_ALIAS)) {
      add(
          "huge",
          op.method,
          op.path,
          writerHeaders(),
          bytes("x".repeat(limit + 10)),
          false,
          Expect.rejected(413, null));
    }
  }

  private List<String[]> writerHeaders() {
    return headers(tokens.writer, cpr(), requestId(), "application/json");
  }

  // --- content types, Accept, methods ---------------------------------------------------------

  private void contentTypes() {
    // value -> treated as JSON (the body then decides) or refused with 415
    Map<String, Boolean> types =
        Map.ofEntries(
            Map.entry("application/json; charset=utf-8", true),
            Map.entry("APPLICATION/JSON", true),
            Map.entry("application/problem+json", true),
            Map.entry("application/vnd.api+json", true),
            Map.entry("application/json;charset=iso-8859-1", true),
            Map.entry("application/json; charset=utf-16", true),
            Map.entry("*/*", true),
            Map.entry("application/*", true),
            Map.entry("text/plain", false),
            Map.entry("text/json", false),
            Map.entry("application/xml", false),
            Map.entry("application/x-www-form-urlencoded", false),
            Map.entry("multipart/form-data; boundary=xyz", false),
            Map.entry("application/octet-stream", false),
            Map.entry("application/x-ndjson", false),
            Map.entry("garbage", false),
            Map.entry("/", false),
            Map.entry("application/", false),
            Map.entry(";;;", false),
            Map.entry("application/json; charset=\"", false),
            Map.entry("application/json\u00ff", false));
    for (Op op : List.of(Op.CREATE, Op.UPDATE, Op.DELETE, Op.DELETE_ALIAS)) {
      for (Map.Entry<String, Boolean> type :
          types.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
        byte[] body = op.hasBody() ? bytes(validBody(op == Op.UPDATE)) : null;
        String id = requestId();
        add(
            "content-type",
            op.method,
            op.path,
            headers(tokens.writer, cpr(), id, type.getKey()),
            body,
            false,
            type.getValue() ? Expect.stored(id) : Expect.rejected(415, null));
      }
      // no Content-Type at all: the bytes decide
      byte[] body = op.hasBody() ? bytes(validBody(op == Op.UPDATE)) : null;
      String id = requestId();
      add(
          "content-type",
          op.method,
          op.path,
          headers(tokens.writer, cpr(), id, null),
          body,
          false,
          Expect.stored(id));
    }
  }

  private void acceptHeaders() {
    List<String> accepts =
        List.of(
            "text/html",
            "application/xml",
            "image/png",
            "text/plain",
            "application/json",
            "*/*",
            "garbage",
            "application/problem+json;q=0");
    for (String accept : accepts) {
      List<String[]> badCpr = headers(tokens.writer, "99", requestId(), "application/json");
      badCpr.add(new String[] {"Accept", accept});
      add(
          "accept",
          "POST",
          CREATE_PATH,
          badCpr,
          bytes(validBody(false)),
          false,
          Expect.rejected(400, 1001));
      List<String[]> plain = headers(tokens.writer, cpr(), requestId(), "text/plain");
      plain.add(new String[] {"Accept", accept});
      add("accept", "POST", CREATE_PATH, plain, bytes("x"), false, Expect.rejected(415, null));
      List<String[]> unknown = headers(tokens.writer, null, null, null);
      unknown.add(new String[] {"Accept", accept});
      add("accept", "GET", "/v1/nothing-here", unknown, null, false, Expect.rejected(404, null));
      List<String[]> patch = headers(tokens.writer, null, null, null);
      patch.add(new String[] {"Accept", accept});
      add("accept", "PATCH", CREATE_PATH, patch, null, false, Expect.rejected(405, null));
      List<String[]> anonymous = new ArrayList<>();
      anonymous.add(new String[] {"Accept", accept});
      add("accept", "POST", CREATE_PATH, anonymous, null, false, Expect.rejected(401, null));
      List<String[]> guest = headers(tokens.guest, cpr(), requestId(), "application/json");
      guest.add(new String[] {"Accept", accept});
      add(
          "accept",
          "POST",
          CREATE_PATH,
          guest,
          bytes(validBody(false)),
          false,
          Expect.rejected(403, 4575));
      List<String[]> getBad = headers(tokens.writer, "0101909001x", null, null);
      getBad.add(new String[] {"Accept", accept});
      add("accept", "GET", CREATE_PATH, getBad, null, false, Expect.rejected(400, 1001));
    }
  }

  private void methods() {
    for (String path : List.of(CREATE_PATH, UPDATE_PATH, "/v1/receipts/x")) {
      for (String method : List.of("PATCH", "TRACE", "FOO")) {
        // an unknown method is refused outright by the security firewall: 400
        add(
            "method",
            method,
            path,
            headers(tokens.writer, cpr(), requestId(), "application/json"),
            bytes(validBody(false)),
            false,
            Expect.rejected(method.equals("FOO") ? 0 : 405, null));
      }
    }
    // a CPR in the path: the 404's problem body must not quote it
    for (String path :
        List.of("/v1/receipts/0101909001", "/v1/0101909001", "/v1/Jobagent/0101909001")) {
      for (String method : List.of("GET", "POST")) {
        add(
            "method",
            method,
            path,
            headers(tokens.writer, null, null, null),
            null,
            false,
            Expect.rejected(0, null));
      }
    }
    add(
        "method",
        "POST",
        UPDATE_PATH,
        writerHeaders(),
        bytes(validBody(false)),
        false,
        Expect.rejected(405, null));
    add(
        "method",
        "PUT",
        CREATE_PATH,
        writerHeaders(),
        bytes(validBody(true)),
        false,
        Expect.rejected(405, null));
    add("method", "GET", UPDATE_PATH, writerHeaders(), null, false, Expect.rejected(405, null));
    add(
        "method",
        "POST",
        "/v1/receipts/x",
        writerHeaders(),
        bytes(validBody(false)),
        false,
        Expect.rejected(405, null));
  }

  // --- headers: repeated, oversized -----------------------------------------------------------

  /**
   * A header given twice is one comma-joined value (RFC 9110 §5.3), which is never a valid CPR or a
   * single request id: refused, whatever the first copy says.
   */
  private void repeatedHeaders() {
    for (Op op : Op.values()) {
      String a = cpr();
      String b = cpr();
      for (String[] pair :
          List.of(
              new String[] {a, b},
              new String[] {"bad", a},
              new String[] {a, "bad"},
              new String[] {a, a})) {
        List<String[]> h = headers(tokens.writer, pair[0], null, "application/json");
        h.add(new String[] {CPR, pair[1]});
        if (op.write()) {
          h.add(new String[] {RID, requestId()});
        }
        add(
            "repeated-header",
            op.method,
            op.path,
            h,
            op.hasBody() ? bytes(validBody(op == Op.UPDATE)) : null,
            false,
            Expect.rejected(400, 1001));
      }
      if (op.write()) {
        for (boolean same : new boolean[] {false, true}) {
          String id = requestId();
          List<String[]> h = headers(tokens.writer, cpr(), id, "application/json");
          h.add(new String[] {RID, same ? id : id + "-2"});
          add(
              "repeated-header",
              op.method,
              op.path,
              h,
              op.hasBody() ? bytes(validBody(op == Op.UPDATE)) : null,
              false,
              Expect.rejected(400, 1014));
        }
      }
    }
  }

  private void oversizedHeaders() {
    for (Op op : List.of(Op.CREATE, Op.GET)) {
      List<List<String[]>> variants = new ArrayList<>();
      List<String[]> filler = headers(tokens.writer, cpr(), requestId(), "application/json");
      filler.add(new String[] {"x-filler", "f".repeat(9_000)});
      variants.add(filler);
      List<String[]> bigger = headers(tokens.writer, cpr(), requestId(), "application/json");
      bigger.add(new String[] {"x-filler", "f".repeat(20_000)});
      variants.add(bigger);
      variants.add(headers(tokens.writer, cpr(), "r".repeat(9_000), "application/json"));
      variants.add(headers(tokens.writer, "0".repeat(9_000), requestId(), "application/json"));
      List<String[]> many = headers(tokens.writer, cpr(), requestId(), "application/json");
      for (int i = 0; i < 300; i++) {
        many.add(new String[] {"x-h" + i, "v".repeat(40)});
      }
      variants.add(many);
      List<String[]> cookie = headers(tokens.writer, cpr(), requestId(), "application/json");
      cookie.add(new String[] {"Cookie", "c=" + "k".repeat(16_000)});
      variants.add(cookie);
      List<String[]> bearer = headers("e" + "x".repeat(9_000), cpr(), requestId(), null);
      variants.add(bearer);
      for (List<String[]> h : variants) {
        add(
            "oversized-header",
            op.method,
            op.path,
            h,
            op.hasBody() ? bytes(validBody(false)) : null,
            false,
            Expect.rejected(0, null));
      }
    }
  }

  // --- tokens: before anything else is looked at ----------------------------------------------

  private void badTokens() {
    List<Object[]> cases =
        List.of(
            new Object[] {null, 401, null},
            new Object[] {"", 401, null},
            new Object[] {"not-a-jwt", 401, null},
            new Object[] {"a.b.c", 401, null},
            new Object[] {tokens.expired, 401, null},
            new Object[] {tokens.tampered, 401, null},
            new Object[] {tokens.unsigned, 401, null},
            new Object[] {tokens.guest, 403, 4575},
            new Object[] {tokens.noCategory, 403, 4575});
    for (Op op : Op.values()) {
      for (Object[] c : cases) {
        // a request that is also bad in every other way: the token is judged first
        List<String[]> h = headers((String) c[0], "bad", null, "application/json");
        add(
            "token",
            op.method,
            op.path,
            h,
            op.hasBody() ? bytes("{\"broken\":") : null,
            false,
            Expect.rejected((Integer) c[1], (Integer) c[2]));
      }
      // the wrong scope: read-only for writes, write-only for the read
      String wrongScope = op.write() ? tokens.readOnly : tokens.writeOnly;
      add(
          "token",
          op.method,
          op.path,
          headers(wrongScope, "bad", null, "application/json"),
          op.hasBody() ? bytes("{\"broken\":") : null,
          false,
          Expect.rejected(403, null));
      for (String authorization :
          List.of("Basic dXNlcjpwYXNz", "Bearer", "bearer " + tokens.writer, "Token x")) {
        List<String[]> h = new ArrayList<>();
        h.add(new String[] {"Authorization", authorization});
        h.add(new String[] {CPR, "bad"});
        add(
            "token",
            op.method,
            op.path,
            h,
            op.hasBody() ? bytes("{\"broken\":") : null,
            false,
            // "bearer" in lower case is still the Bearer scheme (RFC 9110 §11.1)
            authorization.startsWith("bearer ")
                ? Expect.rejected(400, 1001)
                : Expect.rejected(401, null));
      }
    }
  }

  // --- bulk-file upload -------------------------------------------------------------------------

  private void bulkFiles() {
    String path = "/v1/bulk-files";
    byte[] line = bytes("{\"requestId\":\"x\"}\n");
    add(
        "bulk-files",
        "POST",
        path,
        headers(tokens.writer, null, requestId(), "text/plain"),
        line,
        false,
        Expect.rejected(415, null));
    add(
        "bulk-files",
        "POST",
        path,
        headers(tokens.writer, null, null, "application/x-ndjson"),
        line,
        false,
        Expect.rejected(400, 1014));
    add(
        "bulk-files",
        "POST",
        path,
        headers(tokens.writer, null, "r".repeat(47), "application/x-ndjson"),
        line,
        false,
        Expect.rejected(400, 1014));
    add(
        "bulk-files",
        "POST",
        path + "?start=later",
        headers(tokens.writer, null, requestId(), "application/x-ndjson"),
        line,
        false,
        Expect.rejected(400, null));
    List<String[]> brotli = headers(tokens.writer, null, requestId(), "application/x-ndjson");
    brotli.add(new String[] {"Content-Encoding", "br"});
    add("bulk-files", "POST", path, brotli, line, false, Expect.rejected(415, null));
    add(
        "bulk-files",
        "POST",
        path,
        headers(tokens.guest, null, requestId(), "application/x-ndjson"),
        line,
        false,
        Expect.rejected(403, 4575));
    for (String id :
        List.of("not-a-uuid", UUID.nameUUIDFromBytes(bytes("none")).toString(), "..", "%2e%2e")) {
      // ".." is refused by the security firewall (400), an unknown id is not found (404)
      int status = id.contains(".") || id.contains("%2e") ? 0 : 404;
      add(
          "bulk-files",
          "GET",
          path + "/" + id,
          headers(tokens.writer, null, null, null),
          null,
          false,
          Expect.rejected(status, null));
      add(
          "bulk-files",
          "GET",
          path + "/" + id + "/result",
          headers(tokens.writer, null, null, null),
          null,
          false,
          Expect.rejected(status, null));
    }
  }

  /**
   * Header values with ISO control characters (UTF-8 bytes 0x80–0x9F read as ISO-8859-1): the
   * security firewall refuses to hand them to the application.
   */
  private void unreadableHeaders() {
    String control = latin1("０\u0085");
    for (Op op : Op.values()) {
      String[][] variants = {
        {CPR, cpr() + control, "1001"},
        {RID, "rid" + control, op.write() ? "1014" : null},
        {"traceparent", "00-" + control, null},
        {"x-other", control, null}
      };
      for (String[] v : variants) {
        String id = requestId();
        List<String[]> h = headers(tokens.writer, v[0].equals(CPR) ? null : cpr(), null, null);
        if (op.write() && !v[0].equals(RID)) {
          h.add(new String[] {RID, id});
        }
        h.add(new String[] {"Content-Type", "application/json"});
        h.add(new String[] {v[0], v[1]});
        Expect expect;
        if (v[0].equals(CPR)) {
          expect = Expect.rejected(400, 1001);
        } else if (v[0].equals(RID) && op.write()) {
          expect = Expect.rejected(400, 1014);
        } else {
          // a header the operation does not need (or an optional trace context that cannot be
          // read) is no reason to refuse the request
          expect = new Expect(0, ANY_CODE, Effect.NONE, null, true);
          if (!v[0].equals(RID) || !op.write()) {
            expect =
                op.write()
                    ? Expect.stored(id)
                    : new Expect(404, 1010, Effect.READ_AUDIT, null, true);
          }
        }
        add(
            "unreadable-header",
            op.method,
            op.path,
            h,
            op.hasBody() ? bytes(validBody(op == Op.UPDATE)) : null,
            false,
            expect);
      }
    }
  }

  // --- raw bytes on the socket ----------------------------------------------------------------

  private void raw() {
    String auth = "Authorization: Bearer " + tokens.writer;
    String body = JSON.writeValueAsString(validBody(false));
    int len = bytes(body).length;
    List<Object[]> cases = new ArrayList<>();
    // {description, request head (without the final CRLF CRLF), body, expected status (0 = any
    // 4xx), problem+json expected}
    String line = "POST /v1/Jobagent HTTP/1.1";
    String host = "Host: 127.0.0.1";
    String common = host + "\r\n" + auth + "\r\nContent-Type: application/json";
    cases.add(
        new Object[] {
          line + "\r\n" + common + "\r\n" + CPR + ": " + cpr() + "\r\n" + RID + ": ab\rcd", body, 0
        });
    cases.add(
        new Object[] {
          line + "\r\n" + common + "\r\n" + CPR + ": " + cpr() + "\r\n" + RID + ": ab\u0000cd",
          body,
          0
        });
    cases.add(
        new Object[] {
          line
              + "\r\n"
              + common
              + "\r\n"
              + CPR
              + ": 01019\u000090011\r\n"
              + RID
              + ": "
              + requestId(),
          body,
          0
        });
    // obsolete line folding: Tomcat joins the lines with a space (RFC 9112 §5.2 allows it)
    String folded = "raw-fold-" + seq;
    cases.add(
        new Object[] {
          line
              + "\r\n"
              + common
              + "\r\n"
              + CPR
              + ": "
              + cpr()
              + "\r\n"
              + RID
              + ": "
              + folded
              + "\r\n def",
          body,
          202,
          folded + " def"
        });
    cases.add(
        new Object[] {
          line + "\r\n" + common + "\r\n" + CPR + " : " + cpr() + "\r\n" + RID + ": " + requestId(),
          body,
          0
        });
    cases.add(
        new Object[] {
          line
              + "\r\n"
              + common
              + "\r\n"
              + CPR
              + ": "
              + cpr()
              + "\r\nx-request@Id: x\r\n"
              + RID
              + ": "
              + requestId(),
          body,
          0
        });
    cases.add(
        new Object[] {
          line + "\r\n" + common + "\r\n: empty-name\r\n" + CPR + ": " + cpr(), body, 0
        });
    cases.add(
        new Object[] {
          line
              + "\r\n"
              + common
              + "\r\n"
              + CPR
              + ": "
              + cpr()
              + "\r\n"
              + RID
              + ": "
              + requestId()
              + "\r\nContent-Length: 5",
          body,
          0
        });
    cases.add(
        new Object[] {
          line
              + "\r\n"
              + common
              + "\r\n"
              + CPR
              + ": "
              + cpr()
              + "\r\n"
              + RID
              + ": "
              + requestId()
              + "\r\nTransfer-Encoding: chunked",
          body,
          0
        });
    cases.add(
        new Object[] {
          line + "\r\n" + common + "\r\nContent-Length: -1\r\n" + CPR + ": " + cpr(), "", 0
        });
    cases.add(
        new Object[] {
          line + "\r\n" + common + "\r\nContent-Length: abc\r\n" + CPR + ": " + cpr(), "", 0
        });
    cases.add(
        new Object[] {
          line + "\r\n" + common + "\r\nTransfer-Encoding: chunked\r\n" + CPR + ": " + cpr(),
          "zz\r\nabc\r\n0\r\n\r\n",
          0
        });
    cases.add(new Object[] {"POST  /v1/Jobagent HTTP/1.1\r\n" + common, body, 0});
    cases.add(new Object[] {"P@ST /v1/Jobagent HTTP/1.1\r\n" + common, body, 0});
    cases.add(new Object[] {"POST /v1/Job agent HTTP/1.1\r\n" + common, body, 0});
    cases.add(new Object[] {"POST /v1/Jobagent\u0000 HTTP/1.1\r\n" + common, body, 0});
    cases.add(new Object[] {"POST /v1/%00Jobagent HTTP/1.1\r\n" + common, body, 0});
    cases.add(new Object[] {"POST /v1/Jobagent%2F..%2F HTTP/1.1\r\n" + common, body, 0});
    cases.add(new Object[] {"POST /v1/..;/v1/Jobagent HTTP/1.1\r\n" + common, body, 0});
    cases.add(new Object[] {"POST /v1/%ZZ HTTP/1.1\r\n" + common, body, 0});
    cases.add(new Object[] {"POST /v1//Jobagent HTTP/1.1\r\n" + common, body, 0});
    cases.add(new Object[] {"POST /v1/Jobagent;jsessionid=x HTTP/1.1\r\n" + common, body, 0});
    cases.add(new Object[] {line + "\r\n" + auth + "\r\nContent-Type: application/json", body, 0});
    cases.add(new Object[] {line + "\r\n" + host + "\r\n" + common, body, 0});
    cases.add(
        new Object[] {
          line + "\r\n" + common + "\r\nExpect: 100-continue-please\r\n" + CPR + ": " + cpr(),
          body,
          0
        });
    cases.add(
        new Object[] {"GET /v1/Jobagent?" + "q".repeat(10_000) + " HTTP/1.1\r\n" + common, "", 0});
    cases.add(new Object[] {"GET /" + "p".repeat(10_000) + " HTTP/1.1\r\n" + common, "", 0});
    cases.add(new Object[] {"GET /v1/receipts/%0d%0aX-Injected:%201 HTTP/1.1\r\n" + common, "", 0});
    // protocol-level answers RFC 9110/9112 prescribe as 5xx (version, transfer coding)
    cases.add(new Object[] {"POST /v1/Jobagent HTTP/1.2\r\n" + common, body, 505});
    cases.add(new Object[] {"POST /v1/Jobagent HTTP/2.0\r\n" + common, body, 505});
    cases.add(
        new Object[] {
          line + "\r\n" + common + "\r\nTransfer-Encoding: gzip\r\n" + CPR + ": " + cpr(), body, 501
        });
    for (Object[] c : cases) {
      String head = (String) c[0];
      String payload = (String) c[1];
      boolean declares =
          head.toLowerCase().contains("content-length") || head.toLowerCase().contains("chunked");
      String request =
          head
              + (declares || payload.isEmpty()
                  ? ""
                  : "\r\nContent-Length: " + bytes(payload).length)
              + "\r\nConnection: close\r\n\r\n"
              + payload;
      int status = (Integer) c[2];
      Expect expect =
          status == 202
              ? Expect.stored((String) c[3])
              : new Expect(status, ANY_CODE, Effect.NONE, null, status == 0);
      probes.add(
          new Probe(
              seq++,
              "raw",
              head.substring(0, head.indexOf(' ')),
              head.substring(head.indexOf(' ') + 1, Math.min(head.indexOf('\r'), 120)),
              List.of(),
              null,
              false,
              request.getBytes(StandardCharsets.ISO_8859_1),
              expect));
    }
    // sanity: a valid raw request is stored like any other
    String id = requestId();
    String valid =
        line
            + "\r\n"
            + common
            + "\r\n"
            + CPR
            + ": "
            + cpr()
            + "\r\n"
            + RID
            + ": "
            + id
            + "\r\nContent-Length: "
            + len
            + "\r\nConnection: close\r\n\r\n"
            + body;
    probes.add(
        new Probe(
            seq++,
            "raw",
            "POST",
            CREATE_PATH,
            List.of(),
            null,
            false,
            valid.getBytes(StandardCharsets.ISO_8859_1),
            Expect.stored(id)));
  }

  // --- seeded random combinations ---------------------------------------------------------------

  private void randomMultiField(int count) {
    List<String> values = nastyValues();
    for (int i = 0; i < count; i++) {
      boolean update = random.nextBoolean();
      List<String> fields = fields(update);
      ObjectNode body = validBody(update);
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        String field = fields.get(random.nextInt(fields.size()));
        ObjectNode holder = target(body, field);
        boolean remove = random.nextInt(6) == 0;
        String literal = values.get(random.nextInt(values.size()));
        if (holder == null) {
          continue;
        }
        if (remove) {
          holder.remove(leaf(field));
        } else {
          holder.set(leaf(field), JSON.readTree(literal));
        }
      }
      withBody("random-multi", update, body);
    }
  }
}
