package dk.jobagent.worker.enrolment;

import dk.jobagent.worker.rules.Absence;
import dk.jobagent.worker.rules.EnrolmentPeriod;
import dk.jobagent.worker.rules.Occupation;
import dk.jobagent.worker.rules.OccupationAlias;
import dk.jobagent.worker.rules.Person;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The citizen-specific facts the rules judge, read in the processing transaction.
 *
 * @param person null when the CPR is not in the person register
 * @param enrolments the citizen's enrolment periods, oldest first
 */
public record RuleData(
    Person person,
    List<Absence> absences,
    List<EnrolmentPeriod> enrolments,
    Map<String, Occupation> occupations,
    Map<UUID, OccupationAlias> aliases,
    Set<UUID> jobTargetIdsOfOtherCitizens) {

  /** The open enrolment period, if any (at most one: a partial unique index guards it). */
  public EnrolmentPeriod openEnrolment() {
    return enrolments.stream().filter(e -> e.end() == null).findFirst().orElse(null);
  }
}
