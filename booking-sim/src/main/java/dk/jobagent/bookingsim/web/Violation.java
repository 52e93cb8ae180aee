package dk.jobagent.bookingsim.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One broken booking rule, listed in a refusal's {@code violations} member. */
public record Violation(@JsonIgnore ProblemType problem, String detail) {

  @JsonProperty("reason")
  public String reason() {
    return problem.reason();
  }

  @JsonProperty("code")
  public Integer code() {
    return problem.seedCode();
  }

  @JsonProperty("type")
  public String type() {
    return problem.type().toString();
  }
}
