package dk.jobagent.worker.enrolment;

import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.api.ProfessionType;
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
 * The rule data of several citizens, read set-based in one transaction. The maps are the loader's
 * own (mutable): a bulk chunk adds the enrolments it opens, so that a later line for the same
 * citizen sees them.
 *
 * @param enrolments per cpr, oldest first
 * @param targetOwners per requested job target id, the cprs whose enrolments hold it (empty when
 *     the loader was told the owners are not needed)
 */
public record RuleDataSet(
    Map<String, Person> persons,
    Map<String, List<Absence>> absences,
    Map<String, List<EnrolmentPeriod>> enrolments,
    Map<String, Occupation> occupations,
    Map<UUID, OccupationAlias> aliases,
    Map<UUID, Set<String>> targetOwners) {

  /** What the rules see for one citizen's request. */
  public RuleData of(String cpr, JobagentRequest request) {
    Set<UUID> requested = new HashSet<>();
    for (ProfessionType p : request.professions()) {
      Uuids.parse(p.jobTargetIdentifier()).ifPresent(requested::add);
    }
    return new RuleData(
        persons.get(cpr),
        List.copyOf(absences.getOrDefault(cpr, List.of())),
        List.copyOf(enrolmentsOf(cpr)),
        occupations,
        aliases,
        targetsOfOthers(cpr, requested));
  }

  public List<EnrolmentPeriod> enrolmentsOf(String cpr) {
    return enrolments.getOrDefault(cpr, List.of());
  }

  /**
   * Records an enrolment opened in the caller's transaction (id: negative, it has none yet), so
   * that a later request of the same batch for the same citizen sees it exactly as if the first had
   * been committed (e.g. 4316 on a second CreateJobagent).
   */
  public void enrolled(String cpr, EnrolmentPeriod period) {
    enrolments.computeIfAbsent(cpr, k -> new ArrayList<>()).add(period);
    for (UUID id : period.jobTargetIds()) {
      targetOwners.computeIfAbsent(id, k -> new HashSet<>()).add(cpr);
    }
  }

  /** The requested job target ids that an enrolment of another citizen holds (rule 4589). */
  public Set<UUID> targetsOfOthers(String cpr, Set<UUID> requested) {
    Set<UUID> others = new HashSet<>();
    for (UUID id : requested) {
      Set<String> owners = targetOwners.get(id);
      if (owners != null && owners.stream().anyMatch(o -> !o.equals(cpr))) {
        others.add(id);
      }
    }
    return others;
  }
}
