package dk.jobagent.schemas.validation;

/**
 * One syntax error of a request.
 *
 * @param field a JSON pointer into the body (e.g. {@code /Profession/0/ConceptUriDa}), {@code ""}
 *     for the body as a whole, or a header name (e.g. {@code x-requestId})
 * @param message what is wrong, in English; never contains a full CPR number
 */
public record FieldError(String field, String message) {}
