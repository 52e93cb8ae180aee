package dk.jobagent.bookingsim.booking;

import dk.jobagent.bookingsim.web.ProblemException;
import dk.jobagent.bookingsim.web.ProblemType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** A booking request whose fields are well-formed (rules not yet applied). */
record ValidBookingRequest(
    String cpr,
    UUID interviewOptionId,
    Instant startTime,
    String caseWorkerRid,
    String contactType) {

  static final Set<String> CONTACT_TYPES =
      Set.of("PERSONLIGT_FREMMOEDE", "TELEFONISK", "DIGITALT", "ANDET");
  private static final Pattern CPR = Pattern.compile("^\\d{10}$");
  private static final Pattern GUID =
      Pattern.compile(
          "^[\\da-fA-F]{8}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{12}$");

  /** Checks the syntax of every field; 400 invalid-request listing each bad field. */
  static ValidBookingRequest of(CreateBookingRequest body) {
    if (body == null) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "a JSON body is required");
    }
    List<Map<String, String>> errors = new ArrayList<>();
    if (body.cpr() == null || !CPR.matcher(body.cpr()).matches()) {
      errors.add(error("cpr", "required, ten digits"));
    }
    if (body.interviewOptionId() == null || !GUID.matcher(body.interviewOptionId()).matches()) {
      errors.add(error("interviewOptionId", "required, a GUID"));
    }
    Instant start = null;
    if (body.startTime() == null) {
      errors.add(error("startTime", "required, an ISO-8601 date-time with offset"));
    } else {
      try {
        start = OffsetDateTime.parse(body.startTime()).toInstant();
      } catch (DateTimeParseException e) {
        errors.add(error("startTime", "must be an ISO-8601 date-time with offset"));
      }
    }
    String rid = body.caseWorkerRid();
    if (rid != null && (rid.isEmpty() || rid.length() > 255)) {
      errors.add(error("caseWorkerRid", "1-255 characters when present"));
    }
    if (body.contactType() == null || !CONTACT_TYPES.contains(body.contactType())) {
      errors.add(error("contactType", "required, one of " + String.join(", ", CONTACT_TYPES)));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          400,
          "the booking request has " + errors.size() + " invalid field(s)",
          Map.of("errors", errors));
    }
    return new ValidBookingRequest(
        body.cpr(), UUID.fromString(body.interviewOptionId()), start, rid, body.contactType());
  }

  /** Identifies the request's content, to tell a retry from a reused key. */
  String fingerprint() {
    return String.join(
        "|",
        cpr,
        interviewOptionId.toString(),
        startTime.toString(),
        caseWorkerRid == null ? "" : caseWorkerRid,
        contactType);
  }

  private static Map<String, String> error(String field, String message) {
    return Map.of("field", field, "message", message);
  }
}
