package dk.jobagent.bookingsim.data;

/** A caseworker (sagsbehandler), identified by the CVR-RID the seed calls CaseWorkerIdentifier. */
public record Caseworker(String rid, String name, String jobcenterCode) {}
