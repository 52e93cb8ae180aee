package dk.jobagent.worker.booking;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.api.JobagentRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The create body is a pure function of the stored request: every spelling of one instant becomes
 * the same Copenhagen local time, so a retried command repeats its key with exactly the same body
 * (the booking system refuses a reused key with a different body).
 */
class CreateBookingBodyTest {

  static JobagentRequest request(String start) {
    return new JobagentRequest(
        "DAGPENGE",
        "2030-01-02",
        "FULDT_LEDIG",
        null,
        null,
        null,
        start,
        "10100007-0000-4000-8000-000000000001",
        "90001",
        "DIGITALT");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2030-01-07T08:00:00Z, 2030-01-07T09:00:00+01:00",
    "2030-01-07T09:00+01:00, 2030-01-07T09:00:00+01:00",
    "2030-01-07T10:00:00.000+02:00, 2030-01-07T09:00:00+01:00",
    "2030-07-01T07:30:00Z, 2030-07-01T09:30:00+02:00"
  })
  void startTimeIsCopenhagenLocalTimeWithSeconds(String given, String sent) {
    var body = HttpBookingPort.body("0101909123", request(given));

    assertThat(body.startTime()).isEqualTo(sent);
    assertThat(body.interviewOptionId()).hasToString("10100007-0000-4000-8000-000000000001");
    assertThat(body.caseWorkerRid()).isEqualTo("90001");
    assertThat(body.contactType()).isEqualTo("DIGITALT");
    assertThat(body.toString()).doesNotContain("0101909123").contains("010190****");
  }
}
