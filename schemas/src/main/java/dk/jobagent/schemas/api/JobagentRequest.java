package dk.jobagent.schemas.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of CreateJobagent (CreateJobagentRequestDto) and UpdateJobagent
 * (UpdateJobagentRequestDto): Update adds the booking members at the top level, as the seed lists
 * them. Syntax is checked against the JSON Schemas before a body becomes this record, so the record
 * itself is lenient: dates stay strings (ISO-8601 date or date-time; see {@link
 * dk.jobagent.schemas.CopenhagenDates}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobagentRequest(
    @JsonProperty("ClientCategoryTypeIdentifier") String clientCategoryTypeIdentifier,
    @JsonProperty("EnrollmentDate") String enrollmentDate,
    @JsonProperty("CurrentUnemploymentStatusTypeIdentifier")
        String currentUnemploymentStatusTypeIdentifier,
    @JsonProperty("Haendelsesdato") String haendelsesdato,
    @JsonProperty("EmailAddressIdentifier") String emailAddressIdentifier,
    @JsonProperty("Profession") List<ProfessionType> profession,
    // UpdateJobagent only
    @JsonProperty("BookingStartTime") String bookingStartTime,
    @JsonProperty("InterviewOptionID") String interviewOptionId,
    @JsonProperty("CaseWorkerIdentifier") String caseWorkerIdentifier,
    @JsonProperty("InterviewContactTypeIdentifier") String interviewContactTypeIdentifier) {

  public List<ProfessionType> professions() {
    return profession == null ? List.of() : profession;
  }

  public boolean hasBooking() {
    return bookingStartTime != null || interviewOptionId != null;
  }
}
