package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;

/** A broken rule: the seed's code and an English detail that never contains a CPR. */
public record Violation(ErrorCode code, String detail) {}
