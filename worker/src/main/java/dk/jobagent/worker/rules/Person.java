package dk.jobagent.worker.rules;

import java.time.LocalDate;

/** A person register row (mirror of CPR data); {@code deathDate} null while alive. */
public record Person(
    String cpr,
    LocalDate deathDate,
    boolean abroad,
    boolean temporaryForeignAddress,
    boolean hasJobnetCv,
    String email,
    String jobcenterCode) {}
