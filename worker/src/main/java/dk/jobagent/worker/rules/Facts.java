package dk.jobagent.worker.rules;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.messages.Operation;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/** Facts several rules derive from the same input, computed one way. */
final class Facts {

  static final String UNKNOWN_CPR = "0000000000";

  private Facts() {}

  /** CreateJobagent or UpdateJobagent: the operations that carry a body. */
  static boolean writesBody(RuleInput in) {
    return in.operation() != Operation.DELETE && in.request() != null;
  }

  /** The person is known (1010 did not fire), so person-dependent rules can run. */
  static boolean personKnown(RuleInput in) {
    return in.person() != null && !UNKNOWN_CPR.equals(in.cpr());
  }

  static Optional<EnrolmentPeriod> openEnrolment(RuleInput in) {
    return enrolments(in).stream().filter(EnrolmentPeriod::open).findFirst();
  }

  static List<EnrolmentPeriod> enrolments(RuleInput in) {
    return in.enrolments() == null ? List.of() : in.enrolments();
  }

  static List<Absence> absences(RuleInput in) {
    return in.absences() == null ? List.of() : in.absences();
  }

  /**
   * Whether the request creates a new enrolment: every Create, and an Update of a citizen without
   * an open enrolment (an Update of an open enrolment keeps it and only changes its job wishes).
   */
  static boolean enrols(RuleInput in) {
    if (!writesBody(in)) {
      return false;
    }
    return in.operation() == Operation.CREATE || openEnrolment(in).isEmpty();
  }

  static Optional<LocalDate> enrolmentDate(RuleInput in) {
    return in.request() == null
        ? Optional.empty()
        : CopenhagenDates.toDate(in.request().enrollmentDate());
  }

  /** The requested category, when it is in the code list. */
  static Optional<ClientCategory> category(RuleInput in) {
    if (in.request() == null || in.request().clientCategoryTypeIdentifier() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        in.codeLists().categories().get(in.request().clientCategoryTypeIdentifier()));
  }

  /**
   * The requested category when a new enrolment in it is to be judged: known and enrollable (rules
   * about a category that cannot be enrolled at all would only repeat 4641).
   */
  static Optional<ClientCategory> enrollableCategory(RuleInput in) {
    return enrols(in) ? category(in).filter(ClientCategory::enrollable) : Optional.empty();
  }

  /** Age in completed years on the enrolment date, when both the CPR and the date decode. */
  static OptionalInt ageOnEnrolmentDate(RuleInput in) {
    return enrolmentDate(in).map(d -> CprBirthDate.ageOn(in.cpr(), d)).orElse(OptionalInt.empty());
  }

  static Optional<UUID> uuid(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      UUID id = UUID.fromString(value);
      // UUID.fromString accepts short groups ("1-1-1-1-1"); require the canonical form
      return id.toString().equalsIgnoreCase(value) ? Optional.of(id) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** 0-based positions for details ("Profession[2]"), never values that might identify a person. */
  static String positions(List<Integer> indexes) {
    return indexes.stream().map(i -> "Profession[" + i + "]").toList().toString();
  }
}
