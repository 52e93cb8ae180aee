import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Micro-benchmark of the bulk job's per-chunk writes (not a test): the same six row kinds the
 * chunk writer stores (request, enrolment, job_wish, outbox, bulk_line_result, audit_event),
 * written per 1,000-line chunk transaction by several methods, measuring the PostgreSQL backend's
 * CPU time (from /proc: the server is local) and this JVM's thread CPU. Used to choose how the
 * chunk writer talks to PostgreSQL; the whole job is measured by run.sh.
 *
 * <p>usage: java -cp postgresql.jar WriteBench.java DATABASE CHUNKS VARIANT... where VARIANT is
 * unnest (ONE INSERT … SELECT FROM unnest(arrays) per table, as before), copytext, copybinary
 * (COPY FROM STDIN into the tables; enrolment ids drawn from the identity sequence first), stage
 * (COPY into a temporary table, then INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING for the
 * request rows, COPY for the rest), a table name (copybinary of that table only: what it costs)
 * or dedupe (the chunk's requestId look-up alone). The database must have the product's schema.
 */
public class WriteBench {

  static final int CHUNK = 1000;
  static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
  static final int PG_EPOCH_DAYS = 10_957;
  static int next;
  static String only;
  static final List<String> existing = new ArrayList<>(); // a table name: write only that table (copybinary), to see what it costs

  record Line(
      String requestId,
      String cpr,
      byte[] hash,
      String body,
      String result,
      String receipt,
      String headers,
      List<String[]> wishes,
      String status) {}

  public static void main(String[] args) throws Exception {
    String db = args[0];
    int chunks = Integer.parseInt(args[1]);
    try (Connection c =
        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "")) {
      c.setAutoCommit(false);
      long pid;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
        rs.next();
        pid = rs.getLong(1);
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select coalesce(max(cpr::bigint), 0) + 1 from enrolment")) {
        rs.next();
        next = rs.getInt(1) + 100_000; // clear of the line numbers of earlier runs too
      }
      c.commit();
      for (int a = 2; a < args.length; a++) {
        String variant = args[a];
        write(c, variant, 2); // warm-up: plans, JIT
        double pg0 = cpu(pid);
        long jvm0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        write(c, variant, chunks);
        double wall = (System.nanoTime() - t0) / 1e9;
        double jvm = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - jvm0) / 1e9;
        double pg = cpu(pid) - pg0;
        System.out.printf(
            "%-11s %d lines: backend CPU %.2f s (%.1f µs/line), client CPU %.2f s, wall %.2f s%n",
            variant,
            chunks * CHUNK,
            pg,
            pg * 1e6 / (chunks * CHUNK),
            jvm,
            wall);
      }
    }
  }

  static double cpu(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
  }

  static void write(Connection c, String variant, int chunks) throws Exception {
    for (int i = 0; i < chunks; i++) {
      List<Line> lines = lines();
      switch (variant) {
        case "unnest" -> unnest(c, lines);
        case "copytext" -> copy(c, lines, false, false);
        case "copybinary" -> copy(c, lines, true, false);
        case "dedupe" -> dedupe(c, false);
        case "dedupe-any" -> dedupe(c, true);
        case "request", "enrolment", "job_wish", "outbox", "bulk_line_result", "audit_event" -> {
          only = variant;
          copy(c, lines, true, false);
          only = null;
        }
        case "stage" -> copy(c, lines, false, true);
        default -> throw new IllegalArgumentException(variant);
      }
      c.commit();
    }
  }

  /** The chunk's dedupe read: 1,000 requestIds looked up, as existingRequestIds does. */
  static void dedupe(Connection c, boolean any) throws SQLException {
    if (existing.isEmpty()) {
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("select request_id from request order by random() limit 20000")) {
        while (rs.next()) {
          existing.add(rs.getString(1));
        }
      }
    }
    List<String> ids = new ArrayList<>();
    java.util.Random random = new java.util.Random(next++);
    while (ids.size() < CHUNK / 2 && !existing.isEmpty()) {
      ids.add(existing.get(random.nextInt(existing.size())));
    }
    while (ids.size() < CHUNK) {
      ids.add(UUID.randomUUID().toString()); // half of them new, as most of a file's are
    }
    if (any) {
      try (Statement s = c.createStatement()) {
        s.execute("set local enable_seqscan = off");
      }
    }
    try (PreparedStatement st =
        c.prepareStatement(
            any
                ? "select request_id from request where client_id = 'bench'"
                    + " and request_id = any(cast(? as text[]))"
                : """
                  select r.request_id
                    from unnest(cast(? as text[])) as k(id)
                    cross join lateral (
                      select request_id from request where client_id = 'bench' and request_id = k.id
                      offset 0) r
                  """)) {
      st.setArray(1, c.createArrayOf("text", ids.toArray()));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {}
      }
    }
  }

  static List<Line> lines() {
    List<Line> lines = new ArrayList<>(CHUNK);
    String now = Instant.now().toString();
    for (int i = 0; i < CHUNK; i++) {
      int n = next++;
      String rid = UUID.randomUUID().toString();
      String cpr = String.format("%010d", n);
      List<String[]> wishes = new ArrayList<>();
      StringBuilder prof = new StringBuilder();
      for (int k = 0; k < (n % 5 == 0 ? 0 : n % 2 + 1); k++) {
        String target = UUID.randomUUID().toString();
        String uri = "http://data.europa.eu/esco/occupation/bench-" + (n % 200);
        wishes.add(new String[] {target, uri, null, "true", "2020", "12"});
        prof.append(k == 0 ? "" : ",")
            .append("{\"ConceptUriDa\":\"")
            .append(uri)
            .append("\",\"HasEducation\":true,\"YearLastUsed\":2020,\"MonthsOfExperience\":12,")
            .append("\"jobTargetIdentifier\":\"")
            .append(target)
            .append("\"}");
      }
      String body =
          "{\"ClientCategoryTypeIdentifier\":\"DAGPENGE\",\"EnrollmentDate\":\"2026-11-27\","
              + "\"CurrentUnemploymentStatusTypeIdentifier\":\"FULDT_LEDIG\","
              + "\"EmailAddressIdentifier\":\"borger"
              + n
              + "@example.dk\",\"Profession\":["
              + prof
              + "]}";
      String result =
          "{\"ServiceReceipt\":{\"EventDate\":\"2026-11-27T21:00:00.123+01:00\","
              + "\"MessageIdentifier\":\""
              + UUID.randomUUID()
              + "\"},\"JobCenterReceipt\":\"Enrolled from 2026-11-27 with 2 job wishes\","
              + "\"NoSelfActivatingCodeNeeded\":true}";
      String receipt =
          "{\"requestId\":\""
              + rid
              + "\",\"operation\":\"CREATE\",\"status\":\"COMPLETED\",\"receivedAt\":\""
              + now
              + "\",\"completedAt\":\""
              + now
              + "\",\"result\":"
              + result
              + "}";
      String headers =
          "{\"x-jobagent-client-id\":\"bench\",\"x-jobagent-request-id\":\""
              + rid
              + "\",\"x-jobagent-bulk-file-id\":\"1\"}";
      lines.add(
          new Line(
              rid, cpr, new byte[32], body, result, receipt, headers, wishes, "COMPLETED"));
    }
    return lines;
  }

  // ---------------------------------------------------------------------------------- unnest

  static void unnest(Connection c, List<Line> lines) throws SQLException {
    int n = lines.size();
    String[] r = new String[n], p = new String[n], h = new String[n], b = new String[n];
    String[] s = new String[n], res = new String[n];
    for (int i = 0; i < n; i++) {
      Line l = lines.get(i);
      r[i] = l.requestId;
      p[i] = l.cpr;
      h[i] = "00".repeat(32);
      b[i] = l.body;
      s[i] = l.status;
      res[i] = l.result;
    }
    try (PreparedStatement st =
        c.prepareStatement(
            """
            insert into request (client_id, request_id, operation, cpr, access_category,
                                 body_hash, body, received_at, bulk_file_id, status,
                                 completed_at, result, errors, warnings)
            select 'bench', r, 'CREATE', p, 'STAR', decode(h, 'hex'), b::jsonb, ?,
                   '1', s, ?, res::jsonb, e::jsonb, w::jsonb
              from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]),
                          cast(? as text[]), cast(? as text[]), cast(? as text[]),
                          cast(? as text[]), cast(? as text[]))
                   as u(r, p, h, b, s, res, e, w)
             order by r
            on conflict do nothing
            returning request_id
            """)) {
      Timestamp ts = Timestamp.from(Instant.now());
      st.setTimestamp(1, ts);
      st.setTimestamp(2, ts);
      st.setArray(3, c.createArrayOf("text", r));
      st.setArray(4, c.createArrayOf("text", p));
      st.setArray(5, c.createArrayOf("text", h));
      st.setArray(6, c.createArrayOf("text", b));
      st.setArray(7, c.createArrayOf("text", s));
      st.setArray(8, c.createArrayOf("text", res));
      st.setArray(9, c.createArrayOf("text", new String[n]));
      st.setArray(10, c.createArrayOf("text", new String[n]));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {}
      }
    }
    String[] d = new String[n], cat = new String[n], stat = new String[n];
    for (int i = 0; i < n; i++) {
      d[i] = "2026-11-27";
      cat[i] = "DAGPENGE";
      stat[i] = "FULDT_LEDIG";
    }
    java.util.Map<String, Long> ids = new java.util.HashMap<>();
    try (PreparedStatement st =
        c.prepareStatement(
            """
            insert into enrolment (cpr, client_category, unemployment_status, enrolment_date,
                                   haendelsesdato, email, created_by_client, created_request_id)
            select p, c, s, d::date, h::timestamptz, e, 'bench', r
              from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]),
                          cast(? as text[]), cast(? as text[]), cast(? as text[]),
                          cast(? as text[])) as u(r, p, c, s, d, h, e)
            on conflict (cpr) where end_date is null do nothing
            returning id, created_request_id
            """)) {
      st.setArray(1, c.createArrayOf("text", r));
      st.setArray(2, c.createArrayOf("text", p));
      st.setArray(3, c.createArrayOf("text", cat));
      st.setArray(4, c.createArrayOf("text", stat));
      st.setArray(5, c.createArrayOf("text", d));
      st.setArray(6, c.createArrayOf("text", new String[n]));
      st.setArray(7, c.createArrayOf("text", new String[n]));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          ids.put(rs.getString(2), rs.getLong(1));
        }
      }
    }
    List<String[]> w = new ArrayList<>();
    for (Line l : lines) {
      Long id = ids.get(l.requestId);
      if (id == null) {
        continue; // the citizen has an open enrolment from an earlier variant's run
      }
      for (String[] x : l.wishes) {
        w.add(new String[] {id.toString(), x[0], x[1], x[2], x[3], x[4], x[5]});
      }
    }
    try (PreparedStatement st =
        c.prepareStatement(
            """
            insert into job_wish (enrolment_id, job_target_id, concept_uri, alias_id, has_education,
                                  year_last_used, months_of_experience)
            select i::bigint, t::uuid, c, a::uuid, ed::boolean, y::int, m::int
              from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]),
                          cast(? as text[]), cast(? as text[]), cast(? as text[]),
                          cast(? as text[])) as u(i, t, c, a, ed, y, m)
            """)) {
      for (int k = 0; k < 7; k++) {
        String[] col = new String[w.size()];
        for (int j = 0; j < col.length; j++) {
          col[j] = w.get(j)[k];
        }
        st.setArray(k + 1, c.createArrayOf("text", col));
      }
      st.executeUpdate();
    }
    String[] m = new String[n], pl = new String[n], hd = new String[n];
    for (int i = 0; i < n; i++) {
      m[i] = lines.get(i).requestId;
      pl[i] = lines.get(i).receipt;
      hd[i] = lines.get(i).headers;
    }
    try (PreparedStatement st =
        c.prepareStatement(
            """
            insert into outbox (exchange, routing_key, message_id, payload, headers)
            select 'jobagent.receipts', 'receipt.bench', m, convert_to(p, 'UTF8'), hd::jsonb
              from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[])) as u(m, p, hd)
            """)) {
      st.setArray(1, c.createArrayOf("text", m));
      st.setArray(2, c.createArrayOf("text", pl));
      st.setArray(3, c.createArrayOf("text", hd));
      st.executeUpdate();
    }
    String[] ln = new String[n], codes = new String[n];
    for (int i = 0; i < n; i++) {
      ln[i] = Integer.toString(next + i);
      codes[i] = "{}";
    }
    try (PreparedStatement st =
        c.prepareStatement(
            """
            insert into bulk_line_result (file_id, line_no, request_id, status, codes, warnings,
                                          field_errors)
            select 1, n::int, r, s, c::int[], w::int[], f::jsonb
              from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]),
                          cast(? as text[]), cast(? as text[]), cast(? as text[]))
                   as u(n, r, s, c, w, f)
            on conflict do nothing
            """)) {
      st.setArray(1, c.createArrayOf("text", ln));
      st.setArray(2, c.createArrayOf("text", r));
      st.setArray(3, c.createArrayOf("text", s));
      st.setArray(4, c.createArrayOf("text", codes));
      st.setArray(5, c.createArrayOf("text", new String[n]));
      st.setArray(6, c.createArrayOf("text", new String[n]));
      st.executeUpdate();
    }
    String[] hm = new String[n], mk = new String[n];
    Integer[] cd = new Integer[n];
    for (int i = 0; i < n; i++) {
      hm[i] = "ab".repeat(32);
      mk[i] = "010190****";
    }
    try (PreparedStatement st =
        c.prepareStatement(
            """
            insert into audit_event (actor, access_category, operation, request_id, outcome, code,
                                     cpr_hmac, cpr_masked)
            select ?, ?, ?, r, o, c, decode(h, 'hex'), m
              from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[]) as u(r, o, c, h, m)
            """)) {
      st.setString(1, "bench");
      st.setString(2, "STAR");
      st.setString(3, "BulkLine");
      st.setArray(4, c.createArrayOf("text", r));
      st.setArray(5, c.createArrayOf("text", s));
      st.setArray(6, c.createArrayOf("int4", cd));
      st.setArray(7, c.createArrayOf("text", hm));
      st.setArray(8, c.createArrayOf("text", mk));
      st.executeUpdate();
    }
  }

  // ------------------------------------------------------------------------------------ COPY

  static void copy(Connection c, List<Line> lines, boolean binary, boolean stage)
      throws Exception {
    int n = lines.size();
    Instant now = Instant.now();
    Rows req = new Rows(binary);
    for (Line l : lines) {
      req.row(14)
          .text("bench")
          .text(l.requestId)
          .text("CREATE")
          .text(l.cpr)
          .text("STAR")
          .bytea(l.hash)
          .jsonb(l.body)
          .timestamptz(now)
          .text("1")
          .text(l.status)
          .timestamptz(now)
          .jsonb(l.result)
          .nul()
          .nul();
    }
    String cols =
        "(client_id, request_id, operation, cpr, access_category, body_hash, body, received_at,"
            + " bulk_file_id, status, completed_at, result, errors, warnings)";
    if (stage) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "create temp table if not exists request_stage (like request) on commit delete rows");
      }
      req.copy(c, "request_stage " + cols);
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "insert into request select * from request_stage order by request_id"
                      + " on conflict do nothing returning request_id")) {
        while (rs.next()) {}
      }
    } else {
      req.copy(c, "request " + cols);
    }
    long[] ids = new long[n];
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select nextval(pg_get_serial_sequence('enrolment', 'id'))"
                    + " from generate_series(1, "
                    + n
                    + ")")) {
      for (int i = 0; rs.next(); i++) {
        ids[i] = rs.getLong(1);
      }
    }
    Rows enr = new Rows(binary);
    LocalDate date = LocalDate.parse("2026-11-27");
    for (int i = 0; i < n; i++) {
      Line l = lines.get(i);
      enr.row(9)
          .int8(ids[i])
          .text(l.cpr)
          .text("DAGPENGE")
          .text("FULDT_LEDIG")
          .date(date)
          .nul()
          .nul()
          .text("bench")
          .text(l.requestId);
    }
    enr.copy(
        c,
        "enrolment (id, cpr, client_category, unemployment_status, enrolment_date,"
            + " haendelsesdato, email, created_by_client, created_request_id)");
    Rows jw = new Rows(binary);
    for (int i = 0; i < n; i++) {
      for (String[] x : lines.get(i).wishes) {
        jw.row(7)
            .int8(ids[i])
            .uuid(UUID.fromString(x[0]))
            .text(x[1])
            .nul()
            .bool(true)
            .int4(2020)
            .int4(12);
      }
    }
    jw.copy(
        c,
        "job_wish (enrolment_id, job_target_id, concept_uri, alias_id, has_education,"
            + " year_last_used, months_of_experience)");
    Rows out = new Rows(binary);
    for (Line l : lines) {
      out.row(5)
          .text("jobagent.receipts")
          .text("receipt.bench")
          .text(l.requestId)
          .bytea(l.receipt.getBytes(StandardCharsets.UTF_8))
          .jsonb(l.headers);
    }
    out.copy(c, "outbox (exchange, routing_key, message_id, payload, headers)");
    Rows res = new Rows(binary);
    for (int i = 0; i < n; i++) {
      Line l = lines.get(i);
      res.row(7)
          .int8(1)
          .int4(next + i)
          .text(l.requestId)
          .text(l.status)
          .emptyIntArray()
          .nul()
          .nul();
    }
    res.copy(
        c,
        "bulk_line_result (file_id, line_no, request_id, status, codes, warnings, field_errors)");
    Rows au = new Rows(binary);
    byte[] hmac = new byte[32];
    for (Line l : lines) {
      au.row(8)
          .text("bench")
          .text("STAR")
          .text("BulkLine")
          .text(l.requestId)
          .text(l.status)
          .nul()
          .bytea(hmac)
          .text("010190****");
    }
    au.copy(
        c,
        "audit_event (actor, access_category, operation, request_id, outcome, code, cpr_hmac,"
            + " cpr_masked)");
  }

  /** Rows in COPY text or binary format. */
  static final class Rows {
    final boolean binary;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    final DataOutputStream out = new DataOutputStream(bytes);
    final StringBuilder text = new StringBuilder(1 << 16);
    boolean first;

    Rows(boolean binary) throws IOException {
      this.binary = binary;
      if (binary) {
        out.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeInt(0);
        out.writeInt(0);
      }
    }

    Rows row(int fields) throws IOException {
      if (binary) {
        out.writeShort(fields);
      } else if (text.length() > 0) {
        text.append('\n');
      }
      first = true;
      return this;
    }

    private void sep() {
      if (!first) {
        text.append('\t');
      }
      first = false;
    }

    Rows nul() throws IOException {
      if (binary) {
        out.writeInt(-1);
      } else {
        sep();
        text.append("\\N");
      }
      return this;
    }

    Rows text(String s) throws IOException {
      if (binary) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
      } else {
        sep();
        escape(s);
      }
      return this;
    }

    Rows jsonb(String s) throws IOException {
      if (binary) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length + 1);
        out.write(1);
        out.write(b);
      } else {
        sep();
        escape(s);
      }
      return this;
    }

    Rows bytea(byte[] b) throws IOException {
      if (binary) {
        out.writeInt(b.length);
        out.write(b);
      } else {
        sep();
        text.append("\\\\x").append(java.util.HexFormat.of().formatHex(b));
      }
      return this;
    }

    Rows timestamptz(Instant t) throws IOException {
      if (binary) {
        out.writeInt(8);
        out.writeLong(t.getEpochSecond() * 1_000_000 + t.getNano() / 1000 - PG_EPOCH_MICROS);
      } else {
        sep();
        text.append(t);
      }
      return this;
    }

    Rows date(LocalDate d) throws IOException {
      if (binary) {
        out.writeInt(4);
        out.writeInt((int) d.toEpochDay() - PG_EPOCH_DAYS);
      } else {
        sep();
        text.append(d);
      }
      return this;
    }

    Rows int8(long v) throws IOException {
      if (binary) {
        out.writeInt(8);
        out.writeLong(v);
      } else {
        sep();
        text.append(v);
      }
      return this;
    }

    Rows int4(int v) throws IOException {
      if (binary) {
        out.writeInt(4);
        out.writeInt(v);
      } else {
        sep();
        text.append(v);
      }
      return this;
    }

    Rows bool(boolean v) throws IOException {
      if (binary) {
        out.writeInt(1);
        out.write(v ? 1 : 0);
      } else {
        sep();
        text.append(v ? 't' : 'f');
      }
      return this;
    }

    Rows uuid(UUID u) throws IOException {
      if (binary) {
        out.writeInt(16);
        out.writeLong(u.getMostSignificantBits());
        out.writeLong(u.getLeastSignificantBits());
      } else {
        sep();
        text.append(u);
      }
      return this;
    }

    Rows emptyIntArray() throws IOException {
      if (binary) {
        out.writeInt(12);
        out.writeInt(0); // dimensions
        out.writeInt(0); // flags
        out.writeInt(23); // int4
      } else {
        sep();
        text.append("{}");
      }
      return this;
    }

    private void escape(String s) {
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        switch (ch) {
          case '\\' -> text.append("\\\\");
          case '\t' -> text.append("\\t");
          case '\n' -> text.append("\\n");
          case '\r' -> text.append("\\r");
          default -> text.append(ch);
        }
      }
    }

    void copy(Connection c, String target) throws Exception {
      if (only != null
          && !target.startsWith(only + " ")
          && !(only.equals("job_wish") && target.startsWith("enrolment "))) {
        return;
      }
      PGConnection pg = c.unwrap(PGConnection.class);
      byte[] data;
      if (binary) {
        out.writeShort(-1);
        data = bytes.toByteArray();
      } else {
        if (text.length() > 0) {
          text.append('\n');
        }
        data = text.toString().getBytes(StandardCharsets.UTF_8);
      }
      CopyIn in =
          pg.getCopyAPI()
              .copyIn(
                  "copy " + target + " from stdin" + (binary ? " (format binary)" : ""));
      in.writeToCopy(data, 0, data.length);
      in.endCopy();
    }
  }
}
