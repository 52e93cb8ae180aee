package dk.jobagent.worker.reference;

import dk.jobagent.worker.rules.ClientCategory;
import dk.jobagent.worker.rules.CodeLists;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The code lists of SPEC §4 (tables {@code client_category}, {@code unemployment_status}, {@code
 * category_status}, {@code absence_type}, {@code absence_conflict}, {@code interview_contact_type},
 * {@code interview_type}) as one immutable {@link CodeLists}. Cached for {@code
 * jobagent.reference.code-lists-ttl}: they change rarely, and every rule evaluation needs them.
 */
@Repository
public class CodeListRepository {

  private final JdbcClient jdbc;
  private final ReferenceProperties properties;
  private final Clock clock;
  private volatile Cached cached;

  private record Cached(CodeLists lists, Instant loadedAt) {}

  @Autowired
  public CodeListRepository(JdbcClient jdbc, ReferenceProperties properties) {
    this(jdbc, properties, Clock.systemUTC());
  }

  CodeListRepository(JdbcClient jdbc, ReferenceProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** The code lists, at most {@code code-lists-ttl} old. */
  public CodeLists current() {
    Cached c = cached;
    if (c == null || c.loadedAt().plus(properties.codeListsTtl()).isBefore(clock.instant())) {
      return reload();
    }
    return c.lists();
  }

  /** Reads the code lists now (e.g. after an operator changed one). */
  public CodeLists reload() {
    CodeLists lists = read();
    cached = new Cached(lists, clock.instant());
    return lists;
  }

  private CodeLists read() {
    Map<String, ClientCategory> categories = new HashMap<>();
    jdbc.sql(
            "select code, enrollable, profession_required, min_age, max_age, contact_group"
                + " from client_category")
        .query(
            (rs, n) ->
                new ClientCategory(
                    rs.getString("code"),
                    rs.getBoolean("enrollable"),
                    rs.getBoolean("profession_required"),
                    rs.getInt("min_age"),
                    (Integer) rs.getObject("max_age"),
                    rs.getString("contact_group")))
        .list()
        .forEach(c -> categories.put(c.code(), c));
    Set<String> statuses =
        Set.copyOf(jdbc.sql("select code from unemployment_status").query(String.class).list());
    Map<String, Set<String>> allowed =
        grouped(
            jdbc.sql("select client_category, unemployment_status from category_status")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
                .list());
    Map<String, Boolean> blocks = new HashMap<>();
    jdbc.sql("select code, blocks_enrolment from absence_type")
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
        .list()
        .forEach(e -> blocks.put(e.getKey(), e.getValue()));
    Map<String, Set<String>> conflicts =
        grouped(
            jdbc.sql("select absence_type, client_category from absence_conflict")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
                .list());
    Set<String> contactTypes =
        Set.copyOf(jdbc.sql("select code from interview_contact_type").query(String.class).list());
    Map<Integer, String> interviewTypes = new HashMap<>();
    jdbc.sql("select code, name from interview_type")
        .query((rs, n) -> Map.entry(rs.getInt(1), rs.getString(2)))
        .list()
        .forEach(e -> interviewTypes.put(e.getKey(), e.getValue()));
    return new CodeLists(
        Map.copyOf(categories),
        statuses,
        allowed,
        Map.copyOf(blocks),
        conflicts,
        contactTypes,
        Map.copyOf(interviewTypes));
  }

  private static Map<String, Set<String>> grouped(List<List<String>> pairs) {
    Map<String, Set<String>> map = new HashMap<>();
    for (List<String> p : pairs) {
      map.computeIfAbsent(p.get(0), k -> new HashSet<>()).add(p.get(1));
    }
    Map<String, Set<String>> frozen = new HashMap<>();
    map.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    return Map.copyOf(frozen);
  }
}
