package dk.jobagent.worker.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.worker.WorkerIntegrationTest;
import dk.jobagent.worker.bulk.BulkWriteRepository.EnrolmentRow;
import dk.jobagent.worker.bulk.BulkWriteRepository.JobWishRow;
import dk.jobagent.worker.bulk.BulkWriteRepository.ReplyRow;
import dk.jobagent.worker.bulk.BulkWriteRepository.RequestRow;
import dk.jobagent.worker.bulk.BulkWriteRepository.RequestSource;
import dk.jobagent.worker.bulk.BulkWriteRepository.ResultRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chunk's COPY writes against PostgreSQL: every binary-encoded type reads back as written, and
 * a key that a concurrent caller took since the chunk's reads (a requestId, a citizen's open
 * enrolment) costs only that row, not the chunk's transaction.
 */
class BulkWriteRepositoryTest extends WorkerIntegrationTest {

  @Autowired BulkWriteRepository repository;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  private final Instant received = Instant.parse("2026-11-27T08:15:30.123456Z");
  private final Instant completed = Instant.parse("2026-11-27T08:15:31Z");

  @Test
  void requestRowsReadBackAsWrittenAndATakenRequestIdCostsOnlyItsRow() {
    String client = BulkTestData.newClientId();
    String taken = "taken-" + UUID.randomUUID();
    jdbc.sql(
            """
            insert into request (client_id, request_id, operation, cpr, access_category, body_hash,
                                 received_at, status)
            values (:c, :r, 'CREATE', '0101709001', 'STAR', '\\x00', now(), 'PENDING')
            """)
        .param("c", client)
        .param("r", taken)
        .update();
    byte[] hash = new byte[32];
    hash[0] = 7;
    hash[31] = (byte) 0xff;
    List<RequestRow> rows =
        List.of(
            new RequestRow(
                "b-" + UUID.randomUUID(),
                "0101709002",
                hash,
                "{\"EmailAddressIdentifier\": \"å@example.dk\", \"n\": [1, 2.50]}",
                "COMPLETED",
                "{\"NoSelfActivatingCodeNeeded\":true}",
                null,
                "[{\"code\":9345}]"),
            new RequestRow(taken, "0101709003", hash, "{}", "REJECTED", null, "[]", null),
            new RequestRow(
                "a-\t\"tab\\" + UUID.randomUUID(),
                "0000000000",
                hash,
                "{}",
                "REJECTED",
                null,
                "[{\"code\":1010}]",
                null));
    RequestSource source =
        new RequestSource(client, "System - alle borgere", "42", received, completed);

    Set<String> stored = tx.execute(s -> repository.insertRequests(source, rows));

    assertThat(stored).containsExactlyInAnyOrder(rows.get(0).requestId(), rows.get(2).requestId());
    Map<String, Object> first =
        jdbc.sql(
                """
                select cpr, body_hash, body->>'EmailAddressIdentifier' as email, body->'n' as n,
                       received_at, completed_at, bulk_file_id, status, result::text as result,
                       errors, warnings::text as warnings, access_category, operation
                  from request where client_id = :c and request_id = :r
                """)
            .param("c", client)
            .param("r", rows.get(0).requestId())
            .query()
            .singleRow();
    assertThat(first.get("cpr")).isEqualTo("0101709002");
    assertThat((byte[]) first.get("body_hash")).isEqualTo(hash);
    assertThat(first.get("email")).isEqualTo("å@example.dk");
    assertThat(first.get("n").toString()).isEqualTo("[1, 2.50]");
    assertThat(((java.sql.Timestamp) first.get("received_at")).toInstant()).isEqualTo(received);
    assertThat(((java.sql.Timestamp) first.get("completed_at")).toInstant()).isEqualTo(completed);
    assertThat(first.get("bulk_file_id")).isEqualTo("42");
    assertThat(first.get("status")).isEqualTo("COMPLETED");
    assertThat(first.get("result")).isEqualTo("{\"NoSelfActivatingCodeNeeded\": true}");
    assertThat(first.get("errors")).isNull();
    assertThat(first.get("warnings")).isEqualTo("[{\"code\": 9345}]");
    assertThat(first.get("access_category")).isEqualTo("System - alle borgere");
    assertThat(first.get("operation")).isEqualTo("CREATE");
    assertThat(
            jdbc.sql("select status from request where client_id = :c and request_id = :r")
                .param("c", client)
                .param("r", taken)
                .query(String.class)
                .single())
        .isEqualTo("PENDING"); // the earlier caller's row is untouched
  }

  @Test
  void enrolmentsAndJobWishesReadBackAndAnOpenEnrolmentCostsOnlyItsRow() {
    String client = BulkTestData.newClientId();
    String enrolled = BulkTestData.newCpr();
    jdbc.sql(
            """
            insert into enrolment (cpr, client_category, unemployment_status, enrolment_date,
                                   created_by_client, created_request_id)
            values (:p, 'DAGPENGE', 'FULDT_LEDIG', current_date, 'api', 'api-1')
            """)
        .param("p", enrolled)
        .update();
    String fresh = BulkTestData.newCpr();
    List<EnrolmentRow> rows =
        List.of(
            new EnrolmentRow(
                "e1-" + UUID.randomUUID(),
                fresh,
                "DAGPENGE",
                "DELVIST_LEDIG",
                LocalDate.parse("2026-11-20"),
                Instant.parse("2026-11-19T23:00:00.5Z"),
                "borger@example.dk"),
            new EnrolmentRow(
                "e2-" + UUID.randomUUID(),
                enrolled,
                "UDEN_YDELSE",
                "IKKE_LEDIG",
                LocalDate.parse("2026-11-21"),
                null,
                null));
    UUID target = UUID.randomUUID();
    UUID alias = UUID.randomUUID();

    Map<String, Long> ids =
        tx.execute(
            s -> {
              Map<String, Long> stored = repository.insertEnrolments(client, rows);
              List<JobWishRow> wishes = new ArrayList<>();
              Long id = stored.get(rows.get(0).requestId());
              if (id != null) {
                wishes.add(new JobWishRow(id, target, "uri-a", alias, true, 2020, 0));
                wishes.add(new JobWishRow(id, UUID.randomUUID(), "uri-b", null, false, null, null));
              }
              repository.insertJobWishes(wishes);
              return stored;
            });

    assertThat(ids).containsOnlyKeys(rows.get(0).requestId());
    Map<String, Object> e =
        jdbc.sql(
                """
                select id, cpr, client_category, unemployment_status, enrolment_date, end_date,
                       haendelsesdato, email, created_by_client, created_request_id
                  from enrolment where cpr = :p
                """)
            .param("p", fresh)
            .query()
            .singleRow();
    assertThat(e.get("id")).isEqualTo(ids.get(rows.get(0).requestId()));
    assertThat(e.get("client_category")).isEqualTo("DAGPENGE");
    assertThat(e.get("unemployment_status")).isEqualTo("DELVIST_LEDIG");
    assertThat(e.get("enrolment_date").toString()).isEqualTo("2026-11-20");
    assertThat(e.get("end_date")).isNull();
    assertThat(((java.sql.Timestamp) e.get("haendelsesdato")).toInstant())
        .isEqualTo(Instant.parse("2026-11-19T23:00:00.5Z"));
    assertThat(e.get("email")).isEqualTo("borger@example.dk");
    assertThat(e.get("created_by_client")).isEqualTo(client);
    assertThat(e.get("created_request_id")).isEqualTo(rows.get(0).requestId());
    assertThat(
            jdbc.sql(
                    """
                    select job_target_id || '/' || concept_uri || '/' || coalesce(alias_id::text, '-')
                           || '/' || has_education || '/' || coalesce(year_last_used::text, '-')
                           || '/' || coalesce(months_of_experience::text, '-') || '/' || ended
                      from job_wish where enrolment_id = :e
                    """)
                .param("e", e.get("id"))
                .query(String.class)
                .list())
        .hasSize(2)
        .contains(target + "/uri-a/" + alias + "/true/2020/0/false")
        .anyMatch(s -> s.endsWith("/uri-b/-/false/-/-/false"));
    assertThat(
            jdbc.sql("select count(*) from enrolment where cpr = :p")
                .param("p", enrolled)
                .query(Long.class)
                .single())
        .isEqualTo(1); // only the API's
  }

  @Test
  void repliesAndResultsReadBackAsWritten() {
    long file = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
    String message = "m-" + UUID.randomUUID();
    tx.executeWithoutResult(
        s -> {
          repository.insertReplies(
              "jobagent.receipts",
              "receipt.x",
              List.of(
                  new ReplyRow(
                      message,
                      "{\"status\":\"COMPLETED\",\"t\":\"æøå\"}".getBytes(StandardCharsets.UTF_8),
                      "{\"x-jobagent-request-id\":\"" + message + "\"}")));
          repository.insertResults(
              file,
              List.of(
                  new ResultRow(1, "r1", "COMPLETED", List.of(), null, null),
                  new ResultRow(
                      2,
                      null,
                      "REJECTED",
                      List.of(1014, 4316),
                      List.of(9345),
                      "[{\"field\":\"/cpr\"}]")));
        });

    Map<String, Object> reply =
        jdbc.sql(
                """
                select exchange, routing_key, convert_from(payload, 'UTF8') as payload,
                       headers->>'x-jobagent-request-id' as rid
                  from outbox where message_id = :m
                """)
            .param("m", message)
            .query()
            .singleRow();
    assertThat(reply.get("exchange")).isEqualTo("jobagent.receipts");
    assertThat(reply.get("routing_key")).isEqualTo("receipt.x");
    assertThat(reply.get("payload")).isEqualTo("{\"status\":\"COMPLETED\",\"t\":\"æøå\"}");
    assertThat(reply.get("rid")).isEqualTo(message);
    assertThat(
            jdbc.sql(
                    """
                    select line_no || '|' || coalesce(request_id, '-') || '|' || status || '|'
                           || codes::text || '|' || coalesce(warnings::text, '-') || '|'
                           || coalesce(field_errors::text, '-')
                      from bulk_line_result where file_id = :f order by line_no
                    """)
                .param("f", file)
                .query(String.class)
                .list())
        .containsExactly(
            "1|r1|COMPLETED|{}|-|-", "2|-|REJECTED|{1014,4316}|{9345}|[{\"field\": \"/cpr\"}]");
  }

  @Test
  void instantsRoundToMicrosecondsAsPostgreSqlRoundsTheirText() {
    for (String text :
        List.of(
            "2026-11-27T10:00:00Z",
            "2026-11-27T10:00:00.1234565Z",
            "2026-11-27T10:00:00.1234575Z",
            "2026-11-27T10:00:00.0000005Z",
            "2026-11-27T10:00:00.9999995Z",
            "2026-11-27T10:00:00.123456789Z",
            "2026-11-27T10:00:00.000000499Z")) {
      Instant parsed = Instant.parse(text);
      Instant byPostgres =
          jdbc.sql("select cast(:t as timestamptz)")
              .param("t", parsed.toString())
              .query(java.sql.Timestamp.class)
              .single()
              .toInstant();
      assertThat(PgTime.micros(parsed)).as(text).isEqualTo(byPostgres);
    }
  }
}
