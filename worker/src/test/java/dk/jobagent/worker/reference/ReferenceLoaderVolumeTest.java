package dk.jobagent.worker.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 100,000 persons streamed through the loader twice. The durations are logged for the record, not
 * asserted (this machine is shared); the counts and the idempotent second load are asserted.
 */
class ReferenceLoaderVolumeTest {

  private static final Logger log = LoggerFactory.getLogger(ReferenceLoaderVolumeTest.class);
  private static final int N = 100_000;
  // 1 January 1941 + 100 days; serials 9000-9999: no other test uses these birth dates
  private static final LocalDate FIRST_BIRTH = LocalDate.of(1941, 1, 1);

  @Test
  void loadsOneHundredThousandPersonsAndReloadsThemWithoutChange() {
    ReferenceLoader loader = ReferenceDb.loader(5000);
    JdbcClient jdbc = ReferenceDb.jdbc();

    long t0 = System.nanoTime();
    LoadReport first = loader.load("persons", SyntheticPersons.csv(N, FIRST_BIRTH));
    long t1 = System.nanoTime();
    LoadReport second = loader.load("persons", SyntheticPersons.csv(N, FIRST_BIRTH));
    long t2 = System.nanoTime();
    log.info(
        "100,000 persons: first load {} ms, identical reload {} ms",
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000);

    assertThat(first.read()).isEqualTo(N);
    assertThat(first.upserted()).isEqualTo(N);
    assertThat(first.rejected()).isZero();
    assertThat(second.changed()).isZero();
    // born 1941 with a 9xxx serial: only this test's rows
    assertThat(
            jdbc.sql("select count(*) from person where substr(cpr, 5, 3) = '419'")
                .query(Long.class)
                .single())
        .isEqualTo(N);
    assertThat(
            jdbc.sql("select has_jobnet_cv from person where cpr = ?")
                .param(SyntheticPersons.cpr(N - 1, FIRST_BIRTH))
                .query(Boolean.class)
                .single())
        .isTrue();
  }
}
