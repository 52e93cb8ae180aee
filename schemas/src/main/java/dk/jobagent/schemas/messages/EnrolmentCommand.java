package dk.jobagent.schemas.messages;

import java.time.Instant;

/**
 * The command message on {@link Topology#COMMAND_EXCHANGE}: it carries ids only. The request itself
 * (CPR, body) stays in PostgreSQL (table {@code request}), written in the same transaction as the
 * outbox row that became this message, so the CPR never travels through the broker.
 *
 * @param clientId the calling client (token's client id); with requestId the request's key
 * @param requestId the caller's x-requestId (1–46 characters)
 * @param operation CREATE, UPDATE or DELETE
 * @param receivedAt when ingest-api accepted it; the rules judge against this instant's
 *     Europe/Copenhagen date
 */
public record EnrolmentCommand(
    String clientId, String requestId, Operation operation, Instant receivedAt) {}
