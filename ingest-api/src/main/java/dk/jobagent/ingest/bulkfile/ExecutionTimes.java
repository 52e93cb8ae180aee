package dk.jobagent.ingest.bulkfile;

import dk.jobagent.schemas.CopenhagenDates;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Spring Batch stores local times of the worker's zone; the apps run in the same zone. */
final class ExecutionTimes {

  private ExecutionTimes() {}

  static OffsetDateTime copenhagen(LocalDateTime time) {
    return time == null
        ? null
        : time.atZone(ZoneId.systemDefault())
            .withZoneSameInstant(CopenhagenDates.ZONE)
            .toOffsetDateTime();
  }
}
