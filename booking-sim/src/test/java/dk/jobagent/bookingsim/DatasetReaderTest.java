package dk.jobagent.bookingsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobagent.bookingsim.data.DataError;
import dk.jobagent.bookingsim.data.DataSetInvalidException;
import dk.jobagent.bookingsim.data.Dataset;
import dk.jobagent.bookingsim.data.DatasetReader;
import dk.jobagent.bookingsim.data.DirectoryDataFiles;
import dk.jobagent.bookingsim.data.InterviewOption;
import dk.jobagent.bookingsim.data.UploadedDataFiles;
import dk.jobagent.schemas.CopenhagenDates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The CSV contract and the shipped demo set, without a running simulator. */
class DatasetReaderTest {

  private final DatasetReader reader = new DatasetReader(Clock.systemUTC());

  @Test
  void theDemoSetLoadsAndShowsEveryCaseTheDemosNeed() {
    Dataset demo = reader.read(new DirectoryDataFiles(Path.of("../demo-data/booking")));

    assertThat(demo.jobcenters().values()).anyMatch(j -> !j.bookingConfigured());
    assertThat(demo.options().values()).anyMatch(o -> !o.active());
    assertThat(demo.options().values()).anyMatch(o -> !o.supervisorRids().isEmpty());
    assertThat(demo.options().values()).anyMatch(o -> o.supervisorRids().isEmpty() && o.active());
    assertThat(
            demo.options().values().stream()
                .map(InterviewOption::interviewType)
                .collect(Collectors.toSet()))
        .containsAll(Set.of(7, 9, 10, 15));
    assertThat(demo.bookingsByCpr().values().stream().flatMap(List::stream))
        .anyMatch(
            b ->
                b.interviewType() == 7
                    && b.startTime().isAfter(Instant.parse("2026-12-01T00:00:00Z")));
    assertThat(demo.deadlinesByCpr()).isNotEmpty();
    assertThat(demo.bookingsByCpr().keySet()).allMatch(cpr -> cpr.charAt(6) == '9');
    assertThat(demo.deadlinesByCpr().keySet()).allMatch(cpr -> cpr.charAt(6) == '9');

    // Slots: weekdays 09:00-15:00 Copenhagen, every month from 2026-12 to 2028-12.
    Set<YearMonth> months = new java.util.HashSet<>();
    for (var slots : demo.slots().values()) {
      for (Instant slot : slots) {
        ZonedDateTime local = slot.atZone(CopenhagenDates.ZONE);
        assertThat(local.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(local.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(15, 0));
        months.add(YearMonth.from(local));
      }
    }
    for (YearMonth m = YearMonth.of(2026, 12);
        !m.isAfter(YearMonth.of(2028, 12));
        m = m.plusMonths(1)) {
      assertThat(months).contains(m);
    }
    assertThat(demo.slotCount()).isGreaterThan(10_000);
  }

  @Test
  void quotedFieldsMayHoldCommas() {
    Map<String, byte[]> files = valid();
    files.put(
        "jobcenters.csv",
        bytes(
            "jobcenter_code,name,phone,fax,booking_configured\nJ1,\"Jobcenter, \"\"Nord\"\"\",1,,true\n"));

    Dataset data = reader.read(new UploadedDataFiles("test", files));

    assertThat(data.jobcenters().get("J1").name()).isEqualTo("Jobcenter, \"Nord\"");
    assertThat(data.jobcenters().get("J1").fax()).isNull();
  }

  @Test
  void everyBadRowIsReportedWithItsLine() {
    Map<String, byte[]> files = valid();
    files.put(
        "interview_options.csv",
        bytes(
            "interview_option_id,jobcenter_code,interview_type,active,valid_from,valid_to,supervisor_rids\n"
                + "00000000-0000-4000-8000-000000000001,J1,7,true,2027-01-01,2027-12-31,\n"
                + "not-a-guid,J1,7,true,2027-01-01,2027-12-31,\n"
                + "00000000-0000-4000-8000-000000000002,J1,seven,yes,2027-13-01,2027-12-31,R9\n"
                + "00000000-0000-4000-8000-000000000003,J1,7,true,2027-06-01,2027-01-01,\n"
                + "00000000-0000-4000-8000-000000000001,J1,7,true,2027-01-01,2027-12-31,\n"));
    files.put("deadlines.csv", bytes("cpr,interview_type,deadline\n0101901234,7,soon\n"));

    assertThatThrownBy(() -> reader.read(new UploadedDataFiles("test", files)))
        .isInstanceOfSatisfying(
            DataSetInvalidException.class,
            e -> {
              Map<String, List<Integer>> lines = new HashMap<>();
              for (DataError error : e.errors()) {
                lines
                    .computeIfAbsent(error.file(), k -> new java.util.ArrayList<>())
                    .add(error.line());
                assertThat(error.message()).doesNotContain("0101901234");
              }
              assertThat(lines.get("interview_options.csv")).contains(3, 4, 5, 6).doesNotContain(2);
              assertThat(lines.get("deadlines.csv")).containsExactly(2);
              assertThat(e.errors())
                  .extracting(DataError::message)
                  .anyMatch(m -> m.contains("interview_type"))
                  .anyMatch(m -> m.contains("active must be true or false"))
                  .anyMatch(m -> m.contains("unknown caseworker R9"))
                  .anyMatch(m -> m.contains("before valid_from"))
                  .anyMatch(m -> m.contains("duplicate interview_option_id"));
            });
  }

  @Test
  void aMissingRequiredFileOrHeaderIsRefusedButOptionalFilesMayBeAbsent() {
    Map<String, byte[]> noSlots = valid();
    noSlots.remove("slots.csv");
    assertThatThrownBy(() -> reader.read(new UploadedDataFiles("test", noSlots)))
        .hasMessageContaining("slots.csv");

    Map<String, byte[]> badHeader = valid();
    badHeader.put("caseworkers.csv", bytes("id,name,jobcenter\nR1,A,J1\n"));
    assertThatThrownBy(() -> reader.read(new UploadedDataFiles("test", badHeader)))
        .isInstanceOfSatisfying(
            DataSetInvalidException.class,
            e -> assertThat(e.errors().getFirst().message()).contains("rid,name,jobcenter_code"));

    Map<String, byte[]> minimal = valid();
    minimal.remove("bookings.csv");
    minimal.remove("deadlines.csv");
    assertThat(reader.read(new UploadedDataFiles("test", minimal)).slotCount()).isEqualTo(1);
  }

  @Test
  void deadlinesMayBeDatesOrDateTimes() {
    Map<String, byte[]> files = valid();
    files.put(
        "deadlines.csv",
        bytes(
            "cpr,interview_type,deadline\n0101909001,7,2027-03-31\n0101909002,7,2027-03-31T23:30:00Z\n"));

    Dataset data = reader.read(new UploadedDataFiles("test", files));

    assertThat(data.deadlinesOf("0101909001").getFirst().deadline())
        .isEqualTo(LocalDate.of(2027, 3, 31));
    // 23:30 UTC is already 1 April in Copenhagen (summer time).
    assertThat(data.deadlinesOf("0101909002").getFirst().deadline())
        .isEqualTo(LocalDate.of(2027, 4, 1));
  }

  @Test
  void aDirectoryIsReadFromDisk() throws Exception {
    Path dir = Files.createTempDirectory("booking-data");
    for (var entry : valid().entrySet()) {
      Files.write(dir.resolve(entry.getKey()), entry.getValue());
    }
    assertThat(reader.read(new DirectoryDataFiles(dir)).caseworkers()).containsKey("R1");
  }

  private static Map<String, byte[]> valid() {
    Map<String, byte[]> files = new HashMap<>();
    files.put(
        "jobcenters.csv",
        bytes("jobcenter_code,name,phone,fax,booking_configured\nJ1,Jobcenter,1,2,true\n"));
    files.put("caseworkers.csv", bytes("rid,name,jobcenter_code\nR1,A Caseworker,J1\n"));
    files.put(
        "interview_options.csv",
        bytes(
            "interview_option_id,jobcenter_code,interview_type,active,valid_from,valid_to,supervisor_rids\n"
                + "00000000-0000-4000-8000-000000000001,J1,7,true,2027-01-01,2027-12-31,R1\n"));
    files.put(
        "slots.csv",
        bytes(
            "interview_option_id,start_time\n00000000-0000-4000-8000-000000000001,2027-01-04T09:00:00+01:00\n"));
    files.put("bookings.csv", bytes("cpr,interview_type,start_time\n"));
    files.put("deadlines.csv", bytes("cpr,interview_type,deadline\n"));
    return files;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
