package dk.jobagent.schemas;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The seed's error codes (Fejlkode) with their text (Fejltekst) and description (Beskrivelse),
 * verbatim from the seed including its spelling. This enum is the one catalogue every module reads.
 *
 * <p>{@link Side#INGEST} codes are decided by ingest-api on the HTTP request and carry the HTTP
 * status they are answered with; {@link Side#WORKER} codes are decided by the rule engine or the
 * booking adapter and appear in receipts; {@link Side#READ} codes answer GetJobagent.
 */
public enum ErrorCode {
  INVALID_CPR(
      1001,
      "Invalid cpr",
      "The submitted cpr is either to long or short or contains data not interpretable as a date",
      Side.INGEST,
      400),
  UNKNOWN_CPR(1010, "Unknown cpr", "The submitted cpr is unknown to the system", Side.WORKER, 404),
  MESSAGE_VALIDATION(
      1014,
      "Failed to validate message",
      "The submitted message could not be validated",
      Side.INGEST,
      400),
  INVALID_CLIENT_CATEGORY(
      4313,
      "Invalid client category type",
      "The submitted client category type is no recognized as a valid client category type",
      Side.WORKER,
      0),
  INVALID_UNEMPLOYMENT_STATUS(
      4314,
      "Invalid current unemployment status type identifier",
      "The submitted identifier is not recognized as a valid unemployment status type identifier",
      Side.WORKER,
      0),
  ENROLMENT_OVERLAP(
      4316,
      "Enrollment overlap",
      "The submitted enrollment date lies within or before an existing enrollment period",
      Side.WORKER,
      0),
  INVALID_PROFESSION(
      4318,
      "One or more profession is invalid",
      "The submitted request contains one or more invalid profession identifiers",
      Side.WORKER,
      0),
  ENROLMENT_DATE_RANGE(
      4338,
      "The enrollment date must be of todays date or a maximum of 10 days prior to todays date",
      "The enrollment date must be of todays date or a maximum of 10 days prior to todays date",
      Side.WORKER,
      0),
  PERSON_DEAD(
      4405,
      "The person with specified cpr is dead",
      "The person with specified cpr is dead",
      Side.WORKER,
      0),
  NOT_AUTHORIZED(
      4575,
      "You are not authorized",
      "You are not authorized to execute the operation",
      Side.INGEST,
      403),
  UNKNOWN_IDENTIFIER(
      4589,
      "Unknown identifier",
      "The submitted Identifier is unknown to the system",
      Side.WORKER,
      404),
  CATEGORY_NOT_ENROLLABLE(
      4641,
      "This category is not allowed to be enrolled",
      "This category is not allowed to be enrolled",
      Side.WORKER,
      0),
  ABSENCE_CONFLICTS_CONTACT_GROUP(
      4645,
      "This person has a absenceregistration that conflicts with this Contactgroup",
      "This person has a absenceregistration that conflicts with this Contactgroup",
      Side.WORKER,
      0),
  NEGATIVE_PARAMETER(4698, "Parameter is negative", "Parameter is negative", Side.WORKER, 0),
  INVALID_YEAR_LAST_USED(
      4710,
      "The submitted value of YearLastUsed is not a valid year",
      "The submitted value of YearLastUsed is not a valid year",
      Side.WORKER,
      0),
  PERSON_ABROAD(
      4720,
      "Person is not allowed to be enrolled because person is abroad",
      "Person is not allowed to be enrolled because person is abroad",
      Side.WORKER,
      0),
  TEMPORARY_FOREIGN_ADDRESS(
      4725,
      "This person cannot be enrolled because the person has a temporary foreign address registered",
      "This person cannot be enrolled because the person has a temporary foreign address registered",
      Side.WORKER,
      0),
  ABSENCE_BLOCKS_ENROLMENT(
      4750,
      "The client has an absence registration that does not allow enrollment",
      "The client has an absence registration that does not allow enrollment",
      Side.WORKER,
      0),
  AGE_65_NOT_UDEN_YDELSE(
      4763,
      "A person who is 65 or older can only enroll as 'uden ydelse' from jobnet",
      "A person who is 65 or older can only enroll as 'uden ydelse' from jobnet",
      Side.WORKER,
      0),
  BOOKING_SYSTEM_UNREACHABLE(
      4769,
      "The connection to an external bookingsystem could not be established",
      "The connection to an external bookingsystem could not be established",
      Side.WORKER,
      0),
  BOOKING_TIME_BEFORE_TODAY(
      4783,
      "The BookingTime cannot be before todays date",
      "The BookingTime cannot be before todays date",
      Side.WORKER,
      0),
  NO_JOBNET_CV(
      4786,
      "The person does not have a Jobnet Cv account",
      "The person does not have a Jobnet Cv account",
      Side.WORKER,
      0),
  SLOT_NOT_AVAILABLE(
      4819,
      "The BookingStartTime is no longer available",
      "The BookingStartTime is no longer available",
      Side.WORKER,
      0),
  CASEWORKER_NOT_FOUND(
      4822,
      "Could not find the caseworker with the specified CVR-RID",
      "Could not find the caseworker with the specified CVR-RID",
      Side.WORKER,
      0),
  ILLEGAL_CATEGORY_STATUS(
      6014,
      "Illegal combination of the client category and unemployment status",
      "Registration is not allowed because of an illegal combination of the client category and"
          + " unemployment status",
      Side.WORKER,
      0),
  AGE_NOT_COHERENT(
      6033,
      "ContactGroup is not coherent with age",
      "Contactgroup cannot be created if age requirements are not met",
      Side.WORKER,
      0),
  PROFESSION_REQUIRED(
      7062,
      "A ProfessionType must be set for this ClientCategory.",
      "A ProfessionType must be set for this ClientCategory.",
      Side.WORKER,
      0),
  INTERVIEW_OPTION_UNKNOWN(
      8108,
      "The specified InterviewOptionID is not active or is unknown to the system",
      "The specified InterviewOptionID is not active or is unknown to the system",
      Side.WORKER,
      0),
  BOOKING_OUTSIDE_OPTION_RANGE(
      8109,
      "The booking time is NOT within the allowed range of dates for this interview option",
      "The booking time is NOT within the allowed range of dates for this interview option",
      Side.WORKER,
      0),
  PERSON_LOOKUP_FAILED(
      8111,
      "An error occured when trying to look up the supplied PersonCivilRegistrationIdentifier",
      "An error occured when trying to look up the supplied PersonCivilRegistrationIdentifier",
      Side.WORKER,
      0),
  JOBSAMTALE_ALREADY_BOOKED(
      8273,
      "Citizen already has a booking of type Jobsamtale.",
      "Citizen already has a booking of type Jobsamtale.",
      Side.WORKER,
      0),
  OCCUPATION_KEY_UNKNOWN(
      8281, "Occupation key does not exist", "Occupation key does not exist", Side.WORKER, 0),
  BOOKING_AFTER_DEADLINE(
      8288,
      "Booking is later than deadline of existing InterviewDeadline with same InterviewType.",
      "Booking is later than deadline of existing InterviewDeadline with same InterviewType.",
      Side.WORKER,
      0),
  SUPERVISOR_NOT_ALLOWED(
      9003,
      "The interview supervisor specified is not allowed for this interview option",
      "The interview supervisor specified is not allowed for this interview option",
      Side.WORKER,
      0),
  BOOKING_SYSTEM_NOT_CONFIGURED(
      9018,
      "Selfbooking failed because an External bookingsystem configuration is missing",
      "Selfbooking failed because an External bookingsystem configuration is missing",
      Side.WORKER,
      0),
  PROFILE_INCONSISTENT(
      9344,
      "Missing or incorrect data, profile cannot be retrieved",
      "Missing or incorrect data, profile cannot be retrieved",
      Side.READ,
      // the stored profile is in a state the API cannot represent: a conflict, not a server fault
      409),
  MISSING_DATA_WARNING(
      9345,
      "Missing or incorrect data gives warning",
      "Missing or incorrect data gives warning",
      Side.WORKER,
      0);

  /** Where a code is decided. */
  public enum Side {
    /** ingest-api, on the HTTP request (syntax, access). */
    INGEST,
    /** the worker: rule engine or booking adapter; reported in the receipt. */
    WORKER,
    /** GetJobagent only. */
    READ
  }

  private static final Map<Integer, ErrorCode> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toMap(ErrorCode::code, Function.identity()));

  private final int code;
  private final String text;
  private final String description;
  private final Side side;
  private final int httpStatus;

  ErrorCode(int code, String text, String description, Side side, int httpStatus) {
    this.code = code;
    this.text = text;
    this.description = description;
    this.side = side;
    this.httpStatus = httpStatus;
  }

  public int code() {
    return code;
  }

  /** Fejltekst, verbatim from the seed. */
  public String text() {
    return text;
  }

  /** Beskrivelse, verbatim from the seed. */
  public String description() {
    return description;
  }

  public Side side() {
    return side;
  }

  /**
   * The HTTP status this code is answered with when ingest-api (or GetJobagent) answers it
   * directly; 0 for codes that only ever appear inside a receipt.
   */
  public int httpStatus() {
    return httpStatus;
  }

  /** 9345 is the one code that is a warning, not an error. */
  public boolean isWarning() {
    return this == MISSING_DATA_WARNING;
  }

  public static Optional<ErrorCode> of(int code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }
}
