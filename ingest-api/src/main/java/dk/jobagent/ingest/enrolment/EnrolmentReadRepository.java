package dk.jobagent.ingest.enrolment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read side of GetJobagent: person, the open enrolment and its current job wishes. */
@Repository
class EnrolmentReadRepository {

  record OpenEnrolment(
      long id,
      String clientCategory,
      LocalDate enrolmentDate,
      String unemploymentStatus,
      OffsetDateTime haendelsesdato,
      String email) {}

  /**
   * A job wish; {@code occupationKnown} is false when its concept is gone from {@code occupation}.
   */
  record JobWish(
      String conceptUri,
      String aliasId,
      boolean hasEducation,
      Integer yearLastUsed,
      Integer monthsOfExperience,
      String jobTargetId,
      boolean occupationKnown) {}

  private final JdbcClient jdbc;

  EnrolmentReadRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean personExists(String cpr) {
    return jdbc.sql("select exists (select 1 from person where cpr = :cpr)")
        .param("cpr", cpr)
        .query(Boolean.class)
        .single();
  }

  Optional<OpenEnrolment> openEnrolment(String cpr) {
    return jdbc.sql(
            """
            select id, client_category, enrolment_date, unemployment_status, haendelsesdato, email
              from enrolment
             where cpr = :cpr and end_date is null
            """)
        .param("cpr", cpr)
        .query(
            (rs, n) ->
                new OpenEnrolment(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getObject(3, LocalDate.class),
                    rs.getString(4),
                    rs.getObject(5, OffsetDateTime.class),
                    rs.getString(6)))
        .optional();
  }

  List<JobWish> currentJobWishes(long enrolmentId) {
    return jdbc.sql(
            """
            select w.concept_uri, w.alias_id::text, w.has_education, w.year_last_used,
                   w.months_of_experience, w.job_target_id::text, o.concept_uri is not null
              from job_wish w
              left join occupation o on o.concept_uri = w.concept_uri
             where w.enrolment_id = :id and not w.ended
             order by w.job_target_id
            """)
        .param("id", enrolmentId)
        .query(
            (rs, n) ->
                new JobWish(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getBoolean(3),
                    (Integer) rs.getObject(4),
                    (Integer) rs.getObject(5),
                    rs.getString(6),
                    rs.getBoolean(7)))
        .list();
  }
}
