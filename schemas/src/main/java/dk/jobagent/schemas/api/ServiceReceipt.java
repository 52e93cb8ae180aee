package dk.jobagent.schemas.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/** ServiceReceiptType: when the transaction happened and its unique id (a GUID). */
public record ServiceReceipt(
    @JsonProperty("EventDate") OffsetDateTime eventDate,
    @JsonProperty("MessageIdentifier") String messageIdentifier) {}
