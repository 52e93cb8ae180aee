package dk.jobagent.bookingsim.booking;

import java.time.Instant;
import java.util.UUID;

/** A booking made through the API (an indkaldelse). */
public record Booking(
    UUID indkaldelseId,
    String idempotencyKey,
    String cpr,
    UUID interviewOptionId,
    int interviewType,
    String jobcenterCode,
    Instant startTime,
    String caseWorkerRid,
    String contactType,
    Instant createdAt,
    String fingerprint,
    String jobCenterReceipt,
    String phone,
    String fax) {}
