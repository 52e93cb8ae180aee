package dk.jobagent.worker.enrolment;

import dk.jobagent.schemas.api.ProfessionType;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
   * Inserts the open enrolment. A concurrent enrolment of the same citizen makes this fail on the
   * partial unique index {@code enrolment_open_uq} (a DuplicateKeyException): the caller retries.
   */
  long insert(NewEnrolment e, Origin origin) {
    return jdbc.sql(
            """
            insert into enrolment (cpr, client_category, unemployment_status, enrolment_date,
                                   haendelsesdato, email, created_by_client, created_request_id)
            values (:cpr, :category, :status, :date, :haendelsesdato, :email, :client, :request)
            returning id
            """)
        .param("cpr", e.cpr())
        .param("category", e.clientCategory())
        .param("status", e.unemploymentStatus())
        .param("date", Date.valueOf(e.enrolmentDate()))
        .param(
            "haendelsesdato",
            e.haendelsesdato() == null ? null : Timestamp.from(e.haendelsesdato()),
            Types.TIMESTAMP_WITH_TIMEZONE)
        .param("email", e.email(), Types.VARCHAR)
        .param("client", origin.clientId())
        .param("request", origin.requestId())
        .query(Long.class)
        .single();
  }

  /** Adds job wishes, or changes the ones with the same jobTargetIdentifier. */
  void upsertJobWishes(long enrolmentId, List<ProfessionType> professions) {
    if (professions.isEmpty()) {
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
        professions,
        professions.size(),
        (ps, p) -> {
          ps.setLong(1, enrolmentId);
          ps.setObject(2, UUID.fromString(p.jobTargetIdentifier()));
          ps.setString(3, p.conceptUriDa());
          ps.setObject(4, JdbcRuleDataLoader.uuid(p.aliasIdentifier()).orElse(null), Types.OTHER);
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
