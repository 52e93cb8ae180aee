package dk.jobagent.worker.bulk;

import dk.jobagent.worker.rules.Absence;
import dk.jobagent.worker.rules.EnrolmentPeriod;
import dk.jobagent.worker.rules.Occupation;
import dk.jobagent.worker.rules.OccupationAlias;
import dk.jobagent.worker.rules.Person;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The rule data of a whole chunk, read set-based. Lines are judged in file order, and an accepted
 * line's enrolment is added here at once, so that a later line of the same chunk for the same
 * citizen sees it exactly as if the first had been committed (e.g. 4316 on a second
 * CreateJobagent).
 *
 * @param enrolments per cpr, oldest first (mutable)
 * @param targetOwners per job target id, the cprs whose enrolments hold it (mutable)
 */
record ChunkFacts(
    Map<String, Person> persons,
    Map<String, List<Absence>> absences,
    Map<String, List<EnrolmentPeriod>> enrolments,
    Map<String, Occupation> occupations,
    Map<UUID, OccupationAlias> aliases,
    Map<UUID, Set<String>> targetOwners) {

  List<EnrolmentPeriod> enrolmentsOf(String cpr) {
    return enrolments.getOrDefault(cpr, List.of());
  }

  Set<UUID> targetsOfOthers(String cpr, Set<UUID> requested) {
    Set<UUID> others = new HashSet<>();
    for (UUID id : requested) {
      Set<String> owners = targetOwners.get(id);
      if (owners != null && owners.stream().anyMatch(o -> !o.equals(cpr))) {
        others.add(id);
      }
    }
    return others;
  }

  /** Records an accepted line's new open enrolment (id: negative, it has none yet). */
  void enrolled(String cpr, EnrolmentPeriod period) {
    enrolments.computeIfAbsent(cpr, k -> new ArrayList<>()).add(period);
    for (UUID id : period.jobTargetIds()) {
      targetOwners.computeIfAbsent(id, k -> new HashSet<>()).add(cpr);
    }
  }
}
