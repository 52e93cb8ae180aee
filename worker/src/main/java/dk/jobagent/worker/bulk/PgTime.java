package dk.jobagent.worker.bulk;

import java.time.Instant;

/** Instants as PostgreSQL stores them: whole microseconds. */
final class PgTime {

  private PgTime() {}

  /**
   * Rounds to microseconds the way PostgreSQL rounds a timestamp's text input ({@code rint} of the
   * fraction parsed as a double, so ties go to even), so that sending the value in binary stores
   * exactly what sending its ISO text stored before.
   */
  static Instant micros(Instant t) {
    int nanos = t.getNano();
    if (nanos % 1000 == 0) {
      return t;
    }
    double fraction = Double.parseDouble("0." + String.format("%09d", nanos));
    long micros = (long) Math.rint(fraction * 1_000_000);
    return Instant.ofEpochSecond(t.getEpochSecond()).plusNanos(micros * 1000);
  }
}
