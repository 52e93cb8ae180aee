package dk.jobagent.worker.enrolment;

import dk.jobagent.schemas.api.ProfessionType;
import java.sql.Date;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code enrolment} and {@code job_wish}: enrolments are history (start, end), never
 * deleted; ingest-api's GetJobagent reads the open one and its job wishes directly.
 */
@Repository
class EnrolmentRepository {

  /** Who changed an enrolment: the calling client and its request. */
  record Origin(String clientId, String requestId) {}

  /** A new enrolment's own columns. */
  record NewEnrolment(
      String cpr,
      String clientCategory,
      String unemploymentStatus,
      LocalDate enrolmentDate,
      Instant haendelsesdato,
      String email) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  EnrolmentRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /**
   * Inserts open enrolments, one statement for all; returns their ids by origin. A concurrent
   * enrolment of one of the citizens makes this fail on the partial unique index {@code
   * enrolment_open_uq} (a DuplicateKeyException): the caller retries.
   */
  Map<Origin, Long> insertAll(List<NewEnrolment> enrolments, List<Origin> origins) {
    int n = enrolments.size();
    String[] cprs = new String[n];
    String[] categories = new String[n];
    String[] statuses = new String[n];
    String[] dates = new String[n];
    String[] haendelsesdatoer = new String[n];
    String[] emails = new String[n];
    String[] clients = new String[n];
    String[] requests = new String[n];
    for (int i = 0; i < n; i++) {
      NewEnrolment e = enrolments.get(i);
      cprs[i] = e.cpr();
      categories[i] = e.clientCategory();
      statuses[i] = e.unemploymentStatus();
      dates[i] = e.enrolmentDate().toString();
      haendelsesdatoer[i] = e.haendelsesdato() == null ? null : e.haendelsesdato().toString();
      emails[i] = e.email();
      clients[i] = origins.get(i).clientId();
      requests[i] = origins.get(i).requestId();
    }
    Map<Origin, Long> ids = new HashMap<>();
    jdbc.sql(
            """
            insert into enrolment (cpr, client_category, unemployment_status, enrolment_date,
                                   haendelsesdato, email, created_by_client, created_request_id)
            select * from unnest(cast(:cprs as bpchar[]), cast(:categories as text[]),
                                 cast(:statuses as text[]), cast(:dates as date[]),
                                 cast(:haendelsesdatoer as timestamptz[]), cast(:emails as text[]),
                                 cast(:clients as text[]), cast(:requests as text[]))
            returning id, created_by_client, created_request_id
            """)
        .param("cprs", cprs)
        .param("categories", categories)
        .param("statuses", statuses)
        .param("dates", dates)
        .param("haendelsesdatoer", haendelsesdatoer)
        .param("emails", emails)
        .param("clients", clients)
        .param("requests", requests)
        .query(
            rs -> {
              ids.put(
                  new Origin(rs.getString("created_by_client"), rs.getString("created_request_id")),
                  rs.getLong("id"));
            });
    return ids;
  }

  /** A job wish of an enrolment. */
  record JobWish(long enrolmentId, ProfessionType profession) {}

  /**
   * Adds job wishes, or changes the ones with the same jobTargetIdentifier: one JDBC batch (one
   * round trip) for all.
   */
  void upsertJobWishes(List<JobWish> wishes) {
    if (wishes.isEmpty()) {
      return;
    }
    batch.batchUpdate(
        """
        insert into job_wish (enrolment_id, job_target_id, concept_uri, alias_id, has_education,
                              year_last_used, months_of_experience)
        values (?, ?, ?, ?, ?, ?, ?)
        on conflict (enrolment_id, job_target_id) do update
           set concept_uri = excluded.concept_uri, alias_id = excluded.alias_id,
               has_education = excluded.has_education, year_last_used = excluded.year_last_used,
               months_of_experience = excluded.months_of_experience, ended = false
        """,
        wishes,
        wishes.size(),
        (ps, w) -> {
          ProfessionType p = w.profession();
          ps.setLong(1, w.enrolmentId());
          ps.setObject(2, UUID.fromString(p.jobTargetIdentifier()));
          ps.setString(3, p.conceptUriDa());
          ps.setObject(4, Uuids.parse(p.aliasIdentifier()).orElse(null), Types.OTHER);
          ps.setBoolean(5, Boolean.TRUE.equals(p.hasEducation()));
          ps.setObject(6, p.yearLastUsed(), Types.INTEGER);
          ps.setObject(7, p.monthsOfExperience(), Types.INTEGER);
        });
  }

  /**
   * Locks the enrolment for a job-wish change; false when it is no longer open (a concurrent delete
   * ended it after the rules read it).
   */
  boolean touchOpen(long enrolmentId) {
    return jdbc.sql("update enrolment set updated_at = now() where id = :id and end_date is null")
            .param("id", enrolmentId)
            .update()
        == 1;
  }

  /** Ends the open enrolment and its job wishes; returns how many enrolments it ended (0 or 1). */
  int endOpen(String cpr, LocalDate endDate, Origin origin) {
    return jdbc.sql(
            """
            with ended as (
              update enrolment
                 set end_date = greatest(:endDate, enrolment_date), ended_by_client = :client,
                     ended_request_id = :request, updated_at = now()
               where cpr = :cpr and end_date is null
              returning id
            ), wishes as (
              update job_wish set ended = true where enrolment_id in (select id from ended)
            )
            select count(*) from ended
            """)
        .param("endDate", Date.valueOf(endDate))
        .param("client", origin.clientId())
        .param("request", origin.requestId())
        .param("cpr", cpr)
        .query(Integer.class)
        .single();
  }
}
