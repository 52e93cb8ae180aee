package dk.jobagent.worker.rules;

import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.schemas.messages.Operation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A mutable builder of rule inputs that starts from an acceptable CreateJobagent: a living resident
 * person born 1990-01-01 (synthetic CPR), category DAGPENGE, FULDT_LEDIG, enrolled today, one
 * active profession, an e-mail on file.
 */
final class Fixture {

  /** 2026-11-27 11:00 in Copenhagen. */
  static final Instant RECEIVED = Instant.parse("2026-11-27T10:00:00Z");

  static final LocalDate TODAY = LocalDate.parse("2026-11-27");
  static final String CPR = "0101909123";
  static final String ACTIVE_URI =
      "http://data.europa.eu/esco/occupation/aaaaaaaa-0000-4000-8000-000000000001";
  static final String INACTIVE_URI =
      "http://data.europa.eu/esco/occupation/aaaaaaaa-0000-4000-8000-000000000002";
  static final String FRAVALGT_URI =
      "http://data.europa.eu/esco/occupation/aaaaaaaa-0000-4000-8000-000000000003";
  static final UUID ALIAS_OF_ACTIVE = UUID.fromString("bbbbbbbb-0000-4000-8000-000000000001");
  static final UUID ALIAS_OF_INACTIVE = UUID.fromString("bbbbbbbb-0000-4000-8000-000000000002");

  Operation operation = Operation.CREATE;
  Instant receivedAt = RECEIVED;
  String cpr = CPR;
  Person person = new Person(CPR, null, false, false, true, "borger@example.org", "101");
  List<Absence> absences = new ArrayList<>();
  List<EnrolmentPeriod> enrolments = new ArrayList<>();
  Set<UUID> otherCitizensTargets = new HashSet<>();
  BookingFacts booking;

  String category = "DAGPENGE";
  String enrollmentDate = TODAY.toString();
  String status = "FULDT_LEDIG";
  String email;
  List<ProfessionType> professions =
      new ArrayList<>(List.of(profession(ACTIVE_URI, null, 2020, 24)));
  String bookingStartTime;
  String interviewOptionId;
  String caseWorker;
  String contactType;

  static Fixture create() {
    return new Fixture();
  }

  static ProfessionType profession(String uri, UUID alias, Integer year, Integer months) {
    return new ProfessionType(
        uri,
        alias == null ? null : alias.toString(),
        true,
        year,
        months,
        UUID.randomUUID().toString());
  }

  static CodeLists codeLists() {
    Map<String, ClientCategory> categories = new HashMap<>();
    categories.put("DAGPENGE", new ClientCategory("DAGPENGE", true, true, 18, 64, "DAGPENGE"));
    categories.put(
        "KONTANTHJAELP", new ClientCategory("KONTANTHJAELP", true, true, 30, 64, "KONTANTHJAELP"));
    categories.put(
        "UDDANNELSESHJAELP",
        new ClientCategory("UDDANNELSESHJAELP", true, false, 18, 29, "UDDANNELSESHJAELP"));
    categories.put(
        "UDEN_YDELSE", new ClientCategory("UDEN_YDELSE", true, false, 15, null, "UDEN_YDELSE"));
    categories.put(
        "SYGEDAGPENGE", new ClientCategory("SYGEDAGPENGE", false, false, 18, null, "SYGEDAGPENGE"));
    return new CodeLists(
        categories,
        Set.of("FULDT_LEDIG", "DELVIST_LEDIG", "IKKE_LEDIG"),
        Map.of(
            "DAGPENGE", Set.of("FULDT_LEDIG", "DELVIST_LEDIG"),
            "KONTANTHJAELP", Set.of("FULDT_LEDIG"),
            "UDDANNELSESHJAELP", Set.of("FULDT_LEDIG"),
            "UDEN_YDELSE", Set.of("FULDT_LEDIG", "DELVIST_LEDIG", "IKKE_LEDIG")),
        Map.of("BARSEL", true, "SYGDOM", false, "FERIE", false),
        Map.of("SYGDOM", Set.of("DAGPENGE", "KONTANTHJAELP")),
        Set.of("PERSONLIGT_FREMMOEDE", "TELEFONISK", "DIGITALT", "ANDET"),
        Map.of(7, "Jobsamtale", 9, "Informationsmøde", 10, "CV-samtale", 15, "Rådighedssamtale"));
  }

  /** A known person with this CPR (the default person's other facts). */
  Fixture cpr(String value) {
    cpr = value;
    person =
        new Person(
            value,
            person == null ? null : person.deathDate(),
            false,
            false,
            true,
            "borger@example.org",
            "101");
    return this;
  }

  /** An UpdateJobagent asking for a booking tomorrow at 09:00 with an open, fitting option. */
  Fixture update() {
    operation = Operation.UPDATE;
    bookingStartTime = "2026-11-30T09:00:00+01:00";
    interviewOptionId = UUID.randomUUID().toString();
    contactType = "TELEFONISK";
    booking =
        new BookingFacts(
            new InterviewOption(
                UUID.fromString(interviewOptionId),
                "101",
                7,
                true,
                TODAY,
                TODAY.plusDays(30),
                Set.of()),
            false,
            null,
            List.of(),
            List.of());
    return this;
  }

  RuleInput build() {
    JobagentRequest request =
        operation == Operation.DELETE
            ? null
            : new JobagentRequest(
                category,
                enrollmentDate,
                status,
                null,
                email,
                professions,
                bookingStartTime,
                interviewOptionId,
                caseWorker,
                contactType);
    Map<String, Occupation> occupations = new HashMap<>();
    Map<UUID, OccupationAlias> aliases = new HashMap<>();
    Map<String, Occupation> taxonomy =
        Map.of(
            ACTIVE_URI, new Occupation(ACTIVE_URI, "Aktiv"),
            INACTIVE_URI, new Occupation(INACTIVE_URI, "Inaktiv"),
            FRAVALGT_URI, new Occupation(FRAVALGT_URI, "Fravalgt"));
    Map<UUID, OccupationAlias> aliasTable =
        Map.of(
            ALIAS_OF_ACTIVE, new OccupationAlias(ALIAS_OF_ACTIVE, ACTIVE_URI),
            ALIAS_OF_INACTIVE, new OccupationAlias(ALIAS_OF_INACTIVE, INACTIVE_URI));
    // like the worker: hand in only the requested ones that exist
    for (ProfessionType p : request == null ? List.<ProfessionType>of() : request.professions()) {
      if (taxonomy.containsKey(p.conceptUriDa())) {
        occupations.put(p.conceptUriDa(), taxonomy.get(p.conceptUriDa()));
      }
      if (p.aliasIdentifier() != null) {
        try {
          UUID id = UUID.fromString(p.aliasIdentifier());
          if (aliasTable.containsKey(id)) {
            aliases.put(id, aliasTable.get(id));
          }
        } catch (IllegalArgumentException ignored) {
          // not a UUID: the worker would find nothing either
        }
      }
    }
    return new RuleInput(
        operation,
        receivedAt,
        cpr,
        request,
        person,
        List.copyOf(absences),
        List.copyOf(enrolments),
        occupations,
        aliases,
        Set.copyOf(otherCitizensTargets),
        codeLists(),
        booking);
  }

  /** Whether the rule can be evaluated and reports a violation. */
  static boolean violates(Rule rule, RuleInput in) {
    return rule.evaluable(in) && rule.check(in).isPresent();
  }
}
