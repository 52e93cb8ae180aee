package dk.jobagent.schemas.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * UnemploymentEnrollmentAndBookResponseType: a receipt's {@code result}. The booking members are
 * set by UpdateJobagent; Create and Delete set the ServiceReceipt and NoSelfActivatingCodeNeeded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrollmentAndBookResponse(
    @JsonProperty("ServiceReceipt") ServiceReceipt serviceReceipt,
    @JsonProperty("JobCenterReceipt") String jobCenterReceipt,
    @JsonProperty("Phone") String phone,
    @JsonProperty("Fax") String fax,
    @JsonProperty("NoSelfActivatingCodeNeeded") boolean noSelfActivatingCodeNeeded,
    @JsonProperty("IndkaldelseId") String indkaldelseId) {}
