package dk.jobagent.worker.rules;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.messages.Operation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything the rules judge: the request and the reference data it touches, fetched beforehand.
 *
 * @param person null when the CPR is not in the person register
 * @param occupations the requested concept URIs that exist in the taxonomy
 * @param aliases the requested alias ids that exist
 * @param booking null when no booking is asked for or the facts were not fetched (yet)
 */
public record RuleInput(
    Operation operation,
    Instant receivedAt,
    String cpr,
    JobagentRequest request,
    Person person,
    List<Absence> absences,
    List<EnrolmentPeriod> enrolments,
    Map<String, Occupation> occupations,
    Map<UUID, OccupationAlias> aliases,
    Set<UUID> jobTargetIdsOfOtherCitizens,
    CodeLists codeLists,
    BookingFacts booking) {

  /** The request's Copenhagen date: "today" for every rule, never the clock. */
  public LocalDate today() {
    return CopenhagenDates.dateOf(receivedAt);
  }
}
