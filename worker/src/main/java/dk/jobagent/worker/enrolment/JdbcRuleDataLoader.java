package dk.jobagent.worker.enrolment;

import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.worker.rules.Absence;
import dk.jobagent.worker.rules.EnrolmentPeriod;
import dk.jobagent.worker.rules.Occupation;
import dk.jobagent.worker.rules.OccupationAlias;
import dk.jobagent.worker.rules.Person;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the rule data in two round trips: one for the citizen (person, absences, enrolment periods
 * with their job target ids, aggregated as JSON), one for the requested occupations (concepts,
 * aliases, job target ids held by other citizens), skipped when no profession is given.
 */
@Component
class JdbcRuleDataLoader implements RuleDataLoader {

  private static final String CITIZEN_SQL =
      """
      select p.cpr is not null as known, p.death_date, p.abroad, p.temporary_foreign_address,
             p.has_jobnet_cv, p.email, p.jobcenter_code,
             (select coalesce(json_agg(json_build_array(a.absence_type, a.from_date, a.to_date)),
                              '[]')
                from absence a where a.cpr = :cpr)::text as absences,
             (select coalesce(json_agg(json_build_array(e.id, e.enrolment_date, e.end_date,
                         (select coalesce(json_agg(w.job_target_id), '[]')
                            from job_wish w where w.enrolment_id = e.id))
                       order by e.enrolment_date, e.id), '[]')
                from enrolment e where e.cpr = :cpr)::text as enrolments
        from (select 1) as one left join person p on p.cpr = :cpr
      """;

  private static final String OCCUPATION_SQL =
      """
      select 'O' as kind, concept_uri as k, status as v
        from occupation where concept_uri = any(cast(:uris as text[]))
      union all
      select 'A', alias_id::text, concept_uri
        from occupation_alias where alias_id = any(cast(:aliases as uuid[]))
      union all
      select distinct 'T', w.job_target_id::text, null
        from job_wish w join enrolment e on e.id = w.enrolment_id
       where w.job_target_id = any(cast(:targets as uuid[])) and e.cpr <> :cpr
      """;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  JdbcRuleDataLoader(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @Override
  public RuleData load(String cpr, JobagentRequest request) {
    Citizen citizen =
        jdbc.sql(CITIZEN_SQL).param("cpr", cpr).query((rs, n) -> citizen(rs, cpr)).single();
    Map<String, Occupation> occupations = new HashMap<>();
    Map<UUID, OccupationAlias> aliases = new HashMap<>();
    Set<UUID> otherTargets = new HashSet<>();
    List<ProfessionType> professions = request.professions();
    if (!professions.isEmpty()) {
      Set<String> uris = new LinkedHashSet<>();
      Set<String> aliasIds = new LinkedHashSet<>();
      Set<String> targets = new LinkedHashSet<>();
      for (ProfessionType p : professions) {
        if (p.conceptUriDa() != null) {
          uris.add(p.conceptUriDa());
        }
        uuid(p.aliasIdentifier()).ifPresent(id -> aliasIds.add(id.toString()));
        uuid(p.jobTargetIdentifier()).ifPresent(id -> targets.add(id.toString()));
      }
      jdbc.sql(OCCUPATION_SQL)
          .param("uris", uris.toArray(String[]::new))
          .param("aliases", aliasIds.toArray(String[]::new))
          .param("targets", targets.toArray(String[]::new))
          .param("cpr", cpr)
          .query(
              rs -> {
                String k = rs.getString("k");
                switch (rs.getString("kind")) {
                  case "O" -> occupations.put(k, new Occupation(k, rs.getString("v")));
                  case "A" ->
                      aliases.put(
                          UUID.fromString(k),
                          new OccupationAlias(UUID.fromString(k), rs.getString("v")));
                  default -> otherTargets.add(UUID.fromString(k));
                }
              });
    }
    return new RuleData(
        citizen.person(),
        citizen.absences(),
        citizen.enrolments(),
        occupations,
        aliases,
        otherTargets);
  }

  private Citizen citizen(java.sql.ResultSet rs, String cpr) throws java.sql.SQLException {
    Person person = null;
    if (rs.getBoolean("known")) {
      person =
          new Person(
              cpr,
              localDate(rs.getDate("death_date")),
              rs.getBoolean("abroad"),
              rs.getBoolean("temporary_foreign_address"),
              rs.getBoolean("has_jobnet_cv"),
              rs.getString("email"),
              rs.getString("jobcenter_code"));
    }
    List<Absence> absences = new ArrayList<>();
    for (JsonNode a : json.readTree(rs.getString("absences"))) {
      absences.add(new Absence(a.get(0).asString(), date(a.get(1)), date(a.get(2))));
    }
    List<EnrolmentPeriod> enrolments = new ArrayList<>();
    for (JsonNode e : json.readTree(rs.getString("enrolments"))) {
      Set<UUID> ids = new LinkedHashSet<>();
      e.get(3).forEach(id -> ids.add(UUID.fromString(id.asString())));
      enrolments.add(
          new EnrolmentPeriod(e.get(0).asLong(), date(e.get(1)), date(e.get(2)), Set.copyOf(ids)));
    }
    return new Citizen(person, List.copyOf(absences), List.copyOf(enrolments));
  }

  private record Citizen(Person person, List<Absence> absences, List<EnrolmentPeriod> enrolments) {}

  private static LocalDate date(JsonNode node) {
    return node == null || node.isNull() ? null : LocalDate.parse(node.asString());
  }

  private static LocalDate localDate(Date date) {
    return date == null ? null : date.toLocalDate();
  }

  static java.util.Optional<UUID> uuid(String value) {
    if (value == null) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
