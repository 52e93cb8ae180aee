package dk.jobagent.worker.enrolment;

import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.worker.rules.Absence;
import dk.jobagent.worker.rules.EnrolmentPeriod;
import dk.jobagent.worker.rules.Occupation;
import dk.jobagent.worker.rules.OccupationAlias;
import dk.jobagent.worker.rules.Person;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the rule data of a batch of citizens (a command batch, a bulk chunk, or one request) in at
 * most five set-based queries, each a join against the keys ({@code unnest}) rather than {@code =
 * any(array)}: whatever plan PostgreSQL picks (the tables grow fast under load, so statistics lag),
 * the cost stays linear in the keys, where an {@code = any} over a sequential scan would compare
 * every row with every key. Runs in the caller's transaction.
 */
@Component
class JdbcRuleDataLoader implements RuleDataLoader {

  private final JdbcClient jdbc;

  JdbcRuleDataLoader(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public RuleDataSet load(
      Collection<String> cprs, Collection<ProfessionType> professions, boolean targetOwners) {
    Set<String> uris = new LinkedHashSet<>();
    Set<String> aliasIds = new LinkedHashSet<>();
    Set<String> targets = new LinkedHashSet<>();
    for (ProfessionType p : professions) {
      if (p.conceptUriDa() != null) {
        uris.add(p.conceptUriDa());
      }
      Uuids.parse(p.aliasIdentifier()).ifPresent(id -> aliasIds.add(id.toString()));
      Uuids.parse(p.jobTargetIdentifier()).ifPresent(id -> targets.add(id.toString()));
    }
    String[] cprArray = new LinkedHashSet<>(cprs).toArray(String[]::new);
    RuleDataSet set =
        new RuleDataSet(
            new HashMap<>(),
            new HashMap<>(),
            new HashMap<>(),
            new HashMap<>(),
            new HashMap<>(),
            new HashMap<>());
    if (cprArray.length > 0) {
      persons(cprArray, set.persons());
      absences(cprArray, set.absences());
      enrolments(cprArray, set.enrolments());
    }
    if (!uris.isEmpty() || !aliasIds.isEmpty()) {
      occupations(uris, aliasIds, set.occupations(), set.aliases());
    }
    if (targetOwners && !targets.isEmpty()) {
      owners(targets, set.targetOwners());
    }
    return set;
  }

  private void persons(String[] cprs, Map<String, Person> persons) {
    jdbc.sql(
            """
            select cpr, death_date, abroad, temporary_foreign_address, has_jobnet_cv, email,
                   jobcenter_code
              from unnest(cast(:cprs as bpchar[])) as k(c) join person on cpr = k.c
            """)
        .param("cprs", cprs)
        .query(
            rs -> {
              String cpr = rs.getString("cpr").trim();
              persons.put(
                  cpr,
                  new Person(
                      cpr,
                      localDate(rs.getDate("death_date")),
                      rs.getBoolean("abroad"),
                      rs.getBoolean("temporary_foreign_address"),
                      rs.getBoolean("has_jobnet_cv"),
                      rs.getString("email"),
                      rs.getString("jobcenter_code")));
            });
  }

  private void absences(String[] cprs, Map<String, List<Absence>> absences) {
    jdbc.sql(
            """
            select cpr, absence_type, from_date, to_date
              from unnest(cast(:cprs as bpchar[])) as k(c) join absence on cpr = k.c
            """)
        .param("cprs", cprs)
        .query(
            rs -> {
              absences
                  .computeIfAbsent(rs.getString("cpr").trim(), k -> new ArrayList<>())
                  .add(
                      new Absence(
                          rs.getString("absence_type"),
                          localDate(rs.getDate("from_date")),
                          localDate(rs.getDate("to_date"))));
            });
  }

  private void enrolments(String[] cprs, Map<String, List<EnrolmentPeriod>> enrolments) {
    jdbc.sql(
            """
            select e.cpr, e.id, e.enrolment_date, e.end_date, w.targets
              from unnest(cast(:cprs as bpchar[])) as k(c)
              cross join lateral (
                select id, cpr, enrolment_date, end_date from enrolment where cpr = k.c
                offset 0) e
              cross join lateral (
                select array_agg(job_target_id::text) as targets
                  from job_wish where enrolment_id = e.id) w
             order by e.enrolment_date, e.id
            """)
        .param("cprs", cprs)
        .query(
            rs -> {
              enrolments
                  .computeIfAbsent(rs.getString("cpr").trim(), k -> new ArrayList<>())
                  .add(
                      new EnrolmentPeriod(
                          rs.getLong("id"),
                          localDate(rs.getDate("enrolment_date")),
                          localDate(rs.getDate("end_date")),
                          Set.copyOf(uuids(rs, "targets"))));
            });
  }

  private void occupations(
      Set<String> uris,
      Set<String> aliasIds,
      Map<String, Occupation> occupations,
      Map<UUID, OccupationAlias> aliases) {
    jdbc.sql(
            """
            select 'O' as kind, concept_uri as k, status as v
              from unnest(cast(:uris as text[])) as k(u) join occupation on concept_uri = k.u
            union all
            select 'A', alias_id::text, concept_uri
              from unnest(cast(:aliases as uuid[])) as k(a) join occupation_alias on alias_id = k.a
            """)
        .param("uris", uris.toArray(String[]::new))
        .param("aliases", aliasIds.toArray(String[]::new))
        .query(
            rs -> {
              String k = rs.getString("k");
              if ("O".equals(rs.getString("kind"))) {
                occupations.put(k, new Occupation(k, rs.getString("v")));
              } else {
                UUID id = UUID.fromString(k);
                aliases.put(id, new OccupationAlias(id, rs.getString("v")));
              }
            });
  }

  private void owners(Set<String> targets, Map<UUID, Set<String>> owners) {
    jdbc.sql(
            """
            select distinct k.t::text as t, e.cpr
              from unnest(cast(:targets as uuid[])) as k(t)
              cross join lateral (
                select en.cpr from job_wish w join enrolment en on en.id = w.enrolment_id
                 where w.job_target_id = k.t
                offset 0) e
            """)
        .param("targets", targets.toArray(String[]::new))
        .query(
            rs -> {
              owners
                  .computeIfAbsent(UUID.fromString(rs.getString("t")), k -> new HashSet<>())
                  .add(rs.getString("cpr").trim());
            });
  }

  private static Set<UUID> uuids(ResultSet rs, String column) throws SQLException {
    java.sql.Array array = rs.getArray(column);
    Set<UUID> ids = new LinkedHashSet<>();
    if (array != null) {
      for (Object o : (Object[]) array.getArray()) {
        ids.add(UUID.fromString((String) o));
      }
    }
    return ids;
  }

  private static LocalDate localDate(Date date) {
    return date == null ? null : date.toLocalDate();
  }
}
