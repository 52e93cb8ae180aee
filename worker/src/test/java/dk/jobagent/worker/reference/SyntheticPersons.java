package dk.jobagent.worker.reference;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Enumeration;

/**
 * A persons.csv of {@code n} synthetic rows generated while it is read (never held in memory):
 * birth dates from {@code firstBirth} on, a thousand 9xxx serials per day.
 */
final class SyntheticPersons {

  private static final DateTimeFormatter DDMMYY = DateTimeFormatter.ofPattern("ddMMyy");

  private SyntheticPersons() {}

  static InputStream csv(int n, LocalDate firstBirth) {
    Enumeration<InputStream> parts =
        new Enumeration<>() {
          int next = -1;

          @Override
          public boolean hasMoreElements() {
            return next < n;
          }

          @Override
          public InputStream nextElement() {
            String line =
                next < 0
                    ? "cpr,death_date,abroad,temporary_foreign_address,has_jobnet_cv,email,jobcenter_code\n"
                    : row(next, firstBirth);
            next++;
            return new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
          }
        };
    return new SequenceInputStream(parts);
  }

  static String cpr(int i, LocalDate firstBirth) {
    return firstBirth.plusDays(i / 1000).format(DDMMYY) + (9000 + i % 1000);
  }

  private static String row(int i, LocalDate firstBirth) {
    return cpr(i, firstBirth)
        + (i % 97 == 0 ? ",2025-01-01" : ",")
        + (i % 50 == 0 ? ",true" : ",false")
        + ",false"
        + (i % 10 == 0 ? ",false" : ",true")
        + (i % 10 == 1 ? "," : ",p" + i + "@example.org")
        + (i % 3 == 0 ? ",751" : ",101")
        + "\n";
  }
}
