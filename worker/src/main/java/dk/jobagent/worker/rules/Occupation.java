package dk.jobagent.worker.rules;

/**
 * An occupation of the ESCO STAR taxonomy; status is {@code Aktiv}, {@code Inaktiv} or {@code
 * Fravalgt}.
 */
public record Occupation(String conceptUri, String status) {

  public static final String ACTIVE = "Aktiv";

  public boolean active() {
    return ACTIVE.equals(status);
  }
}
