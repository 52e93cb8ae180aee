package dk.jobagent.worker.rules;

/** A client category of the code list; {@code maxAge} null means no upper bound. */
public record ClientCategory(
    String code,
    boolean enrollable,
    boolean professionRequired,
    int minAge,
    Integer maxAge,
    String contactGroup) {}
