package dk.jobagent.worker.rules;

import java.util.UUID;

/** An alias (alternative label) of an occupation. */
public record OccupationAlias(UUID aliasId, String conceptUri) {}
