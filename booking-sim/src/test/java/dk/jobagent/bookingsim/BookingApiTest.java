package dk.jobagent.bookingsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BookingApiTest extends SimTestBase {

  @Test
  void createsABookingWithReceiptPhoneFaxAndLocation() throws Exception {
    String slot = freeSlot(OPEN_JOBSAMTALE);

    Answer created = book(freshKey(), freshCpr(), OPEN_JOBSAMTALE, slot, "80002");

    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("indkaldelseId").asString();
    assertThat(id).matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    assertThat(created.raw().headers().firstValue("Location")).contains("/v1/bookings/" + id);
    assertThat(created.body().get("phone").asString()).isEqualTo("+45 11 11 11 11");
    assertThat(created.body().get("fax").asString()).isEqualTo("+45 11 11 11 12");
    assertThat(created.body().get("startTime").asString()).isEqualTo(slot);
    assertThat(created.body().get("interviewOptionId").asString()).isEqualTo(OPEN_JOBSAMTALE);
    assertThat(created.body().get("jobCenterReceipt").asString())
        .contains("Jobcenter Test, Nord")
        .contains(id)
        .hasSizeLessThanOrEqualTo(10_000);
    assertThat(get("/v1/bookings/" + id).body().get("indkaldelseId").asString()).isEqualTo(id);
  }

  @Test
  void theSameKeyReturnsTheFirstBookingWith200() throws Exception {
    String key = freshKey();
    String cpr = freshCpr();
    String slot = freeSlot(OPEN_JOBSAMTALE);

    Answer first = book(key, cpr, OPEN_JOBSAMTALE, slot, null);
    Answer again = book(key, cpr, OPEN_JOBSAMTALE, slot, null);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefused() throws Exception {
    String key = freshKey();
    String cpr = freshCpr();
    Answer first = book(key, cpr, OPEN_JOBSAMTALE, freeSlot(OPEN_JOBSAMTALE), null);
    String otherSlot = freeSlot(OPEN_JOBSAMTALE);

    Answer reused = book(key, cpr, OPEN_JOBSAMTALE, otherSlot, null);

    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.reason()).isEqualTo("idempotency-key-reused");
    assertThat(reused.body().get("indkaldelseId").asString())
        .isEqualTo(first.body().get("indkaldelseId").asString());
    assertThat(reused.body().has("code")).isFalse();
  }

  @Test
  void aBookedSlotIsGone() throws Exception {
    String slot = freeSlot(OPEN_JOBSAMTALE);
    assertThat(book(freshKey(), freshCpr(), OPEN_JOBSAMTALE, slot, null).status()).isEqualTo(201);

    Answer second = book(freshKey(), freshCpr(), OPEN_JOBSAMTALE, slot, null);

    assertProblem(second, 409, "slot-unavailable", 4819);
    assertThat(second.raw().headers().firstValue("Content-Type"))
        .contains("application/problem+json");
    assertThat(freeSlot(OPEN_JOBSAMTALE)).isNotEqualTo(slot);
  }

  @Test
  void aStartTimeThatIsNoSlotIsUnavailable() throws Exception {
    Answer refused =
        book(freshKey(), freshCpr(), OPEN_JOBSAMTALE, "2090-01-02T09:17:00+01:00", null);

    assertProblem(refused, 409, "slot-unavailable", 4819);
  }

  @Test
  void theSameSlotWrittenWithAnotherOffsetIsTheSameSlot() throws Exception {
    String slot = freeSlot(OPEN_JOBSAMTALE); // e.g. 2090-01-02T09:00+01:00
    String utc = java.time.OffsetDateTime.parse(slot).toInstant().toString();
    assertThat(book(freshKey(), freshCpr(), OPEN_JOBSAMTALE, utc, null).status()).isEqualTo(201);

    assertProblem(
        book(freshKey(), freshCpr(), OPEN_JOBSAMTALE, slot, null), 409, "slot-unavailable", 4819);
  }

  @Test
  void unknownAndInactiveOptionsAre8108() throws Exception {
    assertProblem(
        book(freshKey(), freshCpr(), UNKNOWN_OPTION, "2090-01-02T09:00:00+01:00", null),
        422,
        "interview-option-unknown",
        8108);
    assertProblem(
        book(freshKey(), freshCpr(), INACTIVE, freeSlot(INACTIVE), null),
        422,
        "interview-option-inactive",
        8108);
  }

  @Test
  void outsideTheOptionsDateRangeIs8109() throws Exception {
    // MARCH_ONLY has slots in February too: the range, not the slot list, decides.
    Answer refused =
        book(freshKey(), freshCpr(), MARCH_ONLY, freeSlot(MARCH_ONLY, "2090-02-01"), null);

    assertProblem(refused, 422, "outside-option-date-range", 8109);
    assertThat(reasons(refused)).containsExactly("outside-option-date-range");
    assertThat(
            book(freshKey(), freshCpr(), MARCH_ONLY, freeSlot(MARCH_ONLY, "2090-03-01"), null)
                .status())
        .isEqualTo(201);
  }

  @Test
  void aCaseworkerNotOnTheSupervisorListIs9003() throws Exception {
    String slot = freeSlot(SUPERVISED_INFO);
    assertProblem(
        book(freshKey(), freshCpr(), SUPERVISED_INFO, slot, "80002"),
        422,
        "supervisor-not-allowed",
        9003);
    assertThat(book(freshKey(), freshCpr(), SUPERVISED_INFO, slot, "80001").status())
        .isEqualTo(201);
  }

  @Test
  void aCaseworkerOfAnotherJobCentreIs9003WhenTheOptionHasNoList() throws Exception {
    assertProblem(
        book(freshKey(), freshCpr(), OPEN_JOBSAMTALE, freeSlot(OPEN_JOBSAMTALE), "80003"),
        422,
        "supervisor-not-allowed",
        9003);
  }

  @Test
  void anUnknownCaseworkerIs4822() throws Exception {
    Answer refused =
        book(freshKey(), freshCpr(), SUPERVISED_INFO, freeSlot(SUPERVISED_INFO), "nobody");

    assertProblem(refused, 422, "caseworker-unknown", 4822);
    assertThat(reasons(refused)).containsExactly("caseworker-unknown");
  }

  @Test
  void aFutureJobsamtaleBlocksAnotherJobsamtale8273() throws Exception {
    // 0202909801 has a Jobsamtale in 2090 in bookings.csv; 0202909802 only a past one.
    assertProblem(
        book(freshKey(), "0202909801", OPEN_JOBSAMTALE, freeSlot(OPEN_JOBSAMTALE), null),
        422,
        "jobsamtale-already-booked",
        8273);
    assertThat(
            book(freshKey(), "0202909802", OPEN_JOBSAMTALE, freeSlot(OPEN_JOBSAMTALE), null)
                .status())
        .isEqualTo(201);
    // ...and other interview types are not blocked.
    assertThat(
            book(freshKey(), "0202909801", SUPERVISED_INFO, freeSlot(SUPERVISED_INFO), null)
                .status())
        .isEqualTo(201);
  }

  @Test
  void aJobsamtaleBookedThroughTheApiAlsoBlocks8273() throws Exception {
    String cpr = freshCpr();
    assertThat(book(freshKey(), cpr, OPEN_JOBSAMTALE, freeSlot(OPEN_JOBSAMTALE), null).status())
        .isEqualTo(201);

    assertProblem(
        book(freshKey(), cpr, OPEN_JOBSAMTALE, freeSlot(OPEN_JOBSAMTALE), null),
        422,
        "jobsamtale-already-booked",
        8273);
  }

  @Test
  void laterThanAnOpenDeadlineOfTheSameTypeIs8288() throws Exception {
    // 0303909801 must have its Jobsamtale on or before 2090-01-10.
    assertProblem(
        book(
            freshKey(),
            "0303909801",
            OPEN_JOBSAMTALE,
            freeSlot(OPEN_JOBSAMTALE, "2090-01-11"),
            null),
        422,
        "later-than-deadline",
        8288);
    assertThat(
            book(
                    freshKey(),
                    "0303909801",
                    OPEN_JOBSAMTALE,
                    freeSlot(OPEN_JOBSAMTALE, "2090-01-10"),
                    null)
                .status())
        .isEqualTo(201);
  }

  @Test
  void aJobCentreWithoutBookingConfigurationIs9018() throws Exception {
    assertProblem(
        book(freshKey(), freshCpr(), UNCONFIGURED, freeSlot(UNCONFIGURED), null),
        422,
        "booking-not-configured",
        9018);
  }

  @Test
  void aStartTimeInThePastIs4783() throws Exception {
    assertProblem(
        book(freshKey(), freshCpr(), WITH_PAST_SLOT, "2020-01-06T09:00:00+01:00", null),
        422,
        "start-time-in-past",
        4783);
  }

  @Test
  void everyViolationIsListedInSpecOrderWithThePrimaryFirst() throws Exception {
    // Inactive (8108), caseworker of another centre (9003), after the deadline (8288), no slot
    // (4819).
    // 0303909802 has the same deadline as 0303909801 but never books, so no 8273 creeps in.
    Answer refused = book(freshKey(), "0303909802", INACTIVE, "2090-02-01T09:17:00+01:00", "80003");

    assertProblem(refused, 422, "interview-option-inactive", 8108);
    assertThat(reasons(refused))
        .containsExactly(
            "interview-option-inactive",
            "supervisor-not-allowed",
            "later-than-deadline",
            "slot-unavailable");
    List<Integer> codes = new ArrayList<>();
    refused.body().get("violations").forEach(v -> codes.add(v.get("code").asInt()));
    assertThat(codes).containsExactly(8108, 9003, 8288, 4819);
  }

  @Test
  void malformedRequestsAre400WithEveryBadField() throws Exception {
    Answer bad =
        post(
            "/v1/bookings",
            freshKey(),
            "{\"cpr\":\"12\",\"interviewOptionId\":\"x\",\"startTime\":\"tomorrow\",\"contactType\":\"BREV\"}");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.reason()).isEqualTo("invalid-request");
    List<String> fields = new ArrayList<>();
    bad.body().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields)
        .containsExactlyInAnyOrder("cpr", "interviewOptionId", "startTime", "contactType");

    assertThat(post("/v1/bookings", freshKey(), "{not json").reason()).isEqualTo("invalid-request");
    assertThat(post("/v1/bookings", freshKey(), "{not json").status()).isEqualTo(400);
  }

  @Test
  void theIdempotencyKeyIsRequired() throws Exception {
    Answer missing =
        post(
            "/v1/bookings",
            null,
            "{\"cpr\":\"0101909001\",\"interviewOptionId\":\""
                + OPEN_JOBSAMTALE
                + "\",\"startTime\":\"2090-01-02T09:00:00+01:00\",\"contactType\":\"ANDET\"}");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.reason()).isEqualTo("idempotency-key-missing");
  }

  @Test
  void noErrorBodyEchoesTheCpr() throws Exception {
    String cpr = "0303909802";
    Answer refused = book(freshKey(), cpr, INACTIVE, "2090-02-01T09:17:00+01:00", "80003");

    assertThat(refused.raw().body()).doesNotContain(cpr);
  }

  private static void assertProblem(Answer answer, int status, String reason, int code) {
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
    assertThat(answer.reason()).isEqualTo(reason);
    assertThat(answer.body().get("code").asInt()).isEqualTo(code);
    assertThat(answer.body().get("type").asString())
        .isEqualTo("https://jobagent.dk/problems/booking/" + reason);
    assertThat(answer.body().get("violations").get(0).get("reason").asString()).isEqualTo(reason);
  }

  private static List<String> reasons(Answer answer) {
    List<String> reasons = new ArrayList<>();
    answer.body().get("violations").forEach(v -> reasons.add(v.get("reason").asString()));
    return reasons;
  }
}
