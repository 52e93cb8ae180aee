package dk.jobagent.bookingsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CancelAndConcurrencyTest extends SimTestBase {

  @Test
  void cancellingFreesTheSlotAndIsIdempotent() throws Exception {
    String slot = freeSlot(OPEN_JOBSAMTALE);
    Answer first = book(freshKey(), freshCpr(), OPEN_JOBSAMTALE, slot, null);
    String id = first.body().get("indkaldelseId").asString();
    String otherKey = freshKey();
    String otherCpr = freshCpr();
    assertThat(book(otherKey, otherCpr, OPEN_JOBSAMTALE, slot, null).status()).isEqualTo(409);

    assertThat(delete("/v1/bookings/" + id, null).status()).isEqualTo(204);
    assertThat(delete("/v1/bookings/" + id, null).status()).isEqualTo(204);

    assertThat(get("/v1/bookings/" + id).status()).isEqualTo(404);
    assertThat(freeSlot(OPEN_JOBSAMTALE)).isEqualTo(slot);
    assertThat(book(otherKey, otherCpr, OPEN_JOBSAMTALE, slot, null).status()).isEqualTo(201);
  }

  @Test
  void cancellingAnUnknownBookingIs204() throws Exception {
    assertThat(delete("/v1/bookings/00000000-0000-4000-8000-00000000dead", null).status())
        .isEqualTo(204);
  }

  @Test
  void afterACancelByIdTheSameKeyBooksAnew() throws Exception {
    String key = freshKey();
    String cpr = freshCpr();
    String slot = freeSlot(OPEN_JOBSAMTALE);
    String firstId =
        book(key, cpr, OPEN_JOBSAMTALE, slot, null).body().get("indkaldelseId").asString();
    delete("/v1/bookings/" + firstId, null);

    Answer again = book(key, cpr, OPEN_JOBSAMTALE, slot, null);

    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body().get("indkaldelseId").asString()).isNotEqualTo(firstId);
  }

  @Test
  void cancelByKeyCancelsTheBookingAndClosesTheKey() throws Exception {
    String key = freshKey();
    String cpr = freshCpr();
    String slot = freeSlot(OPEN_JOBSAMTALE);
    String id = book(key, cpr, OPEN_JOBSAMTALE, slot, null).body().get("indkaldelseId").asString();

    assertThat(delete("/v1/bookings", key).status()).isEqualTo(204);

    assertThat(get("/v1/bookings/" + id).status()).isEqualTo(404);
    assertThat(freeSlot(OPEN_JOBSAMTALE)).isEqualTo(slot);
    Answer late = book(key, cpr, OPEN_JOBSAMTALE, slot, null);
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.reason()).isEqualTo("idempotency-key-cancelled");
    assertThat(delete("/v1/bookings", key).status()).isEqualTo(204);
  }

  @Test
  void cancelByAKeyThatNeverBookedStopsALateCreate() throws Exception {
    String key = freshKey();
    assertThat(delete("/v1/bookings", key).status()).isEqualTo(204);

    Answer late = book(key, freshCpr(), OPEN_JOBSAMTALE, freeSlot(OPEN_JOBSAMTALE), null);

    assertThat(late.status()).isEqualTo(409);
    assertThat(late.reason()).isEqualTo("idempotency-key-cancelled");
  }

  @Test
  void cancelByKeyNeedsTheKey() throws Exception {
    assertThat(delete("/v1/bookings", null).reason()).isEqualTo("idempotency-key-missing");
  }

  @Test
  void hundredConcurrentAttemptsOnOneSlotMakeExactlyOneBooking() throws Exception {
    String slot = freeSlot(OPEN_JOBSAMTALE);
    List<Answer> answers =
        concurrently(100, i -> book(freshKey(), freshCpr(), OPEN_JOBSAMTALE, slot, null));

    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
    assertThat(answers).filteredOn(a -> a.status() == 409).hasSize(99);
    assertThat(answers)
        .filteredOn(a -> a.status() == 409)
        .allSatisfy(a -> assertThat(a.reason()).isEqualTo("slot-unavailable"));
    long booked =
        countAdminBookingsAt(OPEN_JOBSAMTALE, java.time.OffsetDateTime.parse(slot).toInstant());
    assertThat(booked).isEqualTo(1);
  }

  @Test
  void concurrentRepeatsOfOneKeyMakeOneBookingAndAllSeeIt() throws Exception {
    String key = freshKey();
    String cpr = freshCpr();
    String slot = freeSlot(OPEN_JOBSAMTALE);

    List<Answer> answers = concurrently(50, i -> book(key, cpr, OPEN_JOBSAMTALE, slot, null));

    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
    assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(49);
    Set<String> ids = new HashSet<>();
    answers.forEach(a -> ids.add(a.body().get("indkaldelseId").asString()));
    assertThat(ids).hasSize(1);
  }

  @Test
  void adminListsBookingsWithMaskedCprs() throws Exception {
    String cpr = freshCpr();
    String id =
        book(freshKey(), cpr, OPEN_JOBSAMTALE, freeSlot(OPEN_JOBSAMTALE), null)
            .body()
            .get("indkaldelseId")
            .asString();

    Answer list = get("/admin/bookings");

    assertThat(list.raw().body())
        .contains(id)
        .contains(cpr.substring(0, 6) + "****")
        .doesNotContain(cpr);
  }

  @Test
  void theCitizensBookingsAndDeadlinesAreReadWithTheCprInAHeader() throws Exception {
    String cpr = "0303909801";
    Answer answer = get("/v1/citizen/bookings", "x-civilRegistrationIdentifier", cpr);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("deadlines").get(0).get("deadline").asString())
        .isEqualTo("2090-01-10");
    assertThat(answer.body().get("deadlines").get(0).get("interviewType").asInt()).isEqualTo(7);

    String fresh = freshCpr();
    String id =
        book(freshKey(), fresh, SUPERVISED_INFO, freeSlot(SUPERVISED_INFO), null)
            .body()
            .get("indkaldelseId")
            .asString();
    Answer mine = get("/v1/citizen/bookings", "x-civilRegistrationIdentifier", fresh);
    assertThat(mine.body().get("bookings")).hasSize(1);
    assertThat(mine.body().get("bookings").get(0).get("indkaldelseId").asString()).isEqualTo(id);
    assertThat(mine.body().get("bookings").get(0).get("interviewType").asInt()).isEqualTo(9);

    Answer existing = get("/v1/citizen/bookings", "x-civilRegistrationIdentifier", "0202909801");
    assertThat(existing.body().get("bookings").get(0).get("startTime").asString())
        .isEqualTo("2090-06-01T10:00:00+02:00");

    assertThat(get("/v1/citizen/bookings").status()).isEqualTo(400);
  }

  @Test
  void lookupsAnswerTheContractsShapes() throws Exception {
    Answer option = get("/v1/interview-options/" + SUPERVISED_INFO);
    assertThat(option.status()).isEqualTo(200);
    assertThat(option.body().get("id").asString()).isEqualTo(SUPERVISED_INFO);
    assertThat(option.body().get("jobcenterCode").asString()).isEqualTo("T1");
    assertThat(option.body().get("interviewType").asInt()).isEqualTo(9);
    assertThat(option.body().get("active").asBoolean()).isTrue();
    assertThat(option.body().get("validFrom").asString()).isEqualTo("2090-01-01");
    assertThat(option.body().get("validTo").asString()).isEqualTo("2090-12-31");
    assertThat(option.body().get("supervisorRids").get(0).asString()).isEqualTo("80001");
    assertThat(get("/v1/interview-options/" + INACTIVE).body().get("active").asBoolean()).isFalse();

    Answer unknown = get("/v1/interview-options/" + UNKNOWN_OPTION);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().get("code").asInt()).isEqualTo(8108);

    Answer caseworker = get("/v1/caseworkers/80001");
    assertThat(caseworker.body().get("name").asString()).isEqualTo("Test Caseworker One");
    assertThat(caseworker.body().get("jobcenterCode").asString()).isEqualTo("T1");
    Answer nobody = get("/v1/caseworkers/nobody");
    assertThat(nobody.status()).isEqualTo(404);
    assertThat(nobody.body().get("code").asInt()).isEqualTo(4822);

    Answer jobcenter = get("/v1/jobcenters/T2");
    assertThat(jobcenter.body().get("bookingConfigured").asBoolean()).isFalse();
    assertThat(jobcenter.body().get("fax").isNull()).isTrue();
    assertThat(get("/v1/jobcenters/T9").status()).isEqualTo(404);
  }

  private long countAdminBookingsAt(String option, java.time.Instant start) throws Exception {
    long count = 0;
    for (var booking : get("/admin/bookings").body()) {
      if (booking.get("interviewOptionId").asString().equals(option)
          && java.time.OffsetDateTime.parse(booking.get("startTime").asString())
              .toInstant()
              .equals(start)) {
        count++;
      }
    }
    return count;
  }

  interface Call {
    Answer call(int i) throws Exception;
  }

  /** Starts all calls at once (behind a latch) on virtual threads. */
  private static List<Answer> concurrently(int n, Call call) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Answer>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call(index);
                }));
      }
      start.countDown();
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> future : futures) {
        answers.add(future.get());
      }
      return answers;
    }
  }
}
