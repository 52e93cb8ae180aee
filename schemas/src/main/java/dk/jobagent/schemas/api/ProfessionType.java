package dk.jobagent.schemas.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** JoboenskeDto: one job wish. Field names are the seed's element names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfessionType(
    @JsonProperty("ConceptUriDa") String conceptUriDa,
    @JsonProperty("AliasIdentifier") String aliasIdentifier,
    @JsonProperty("HasEducation") Boolean hasEducation,
    @JsonProperty("YearLastUsed") Integer yearLastUsed,
    @JsonProperty("MonthsOfExperience") Integer monthsOfExperience,
    @JsonProperty("jobTargetIdentifier") String jobTargetIdentifier) {}
