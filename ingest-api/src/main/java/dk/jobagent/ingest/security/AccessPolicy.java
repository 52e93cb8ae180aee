package dk.jobagent.ingest.security;

import dk.jobagent.ingest.web.ApiProblem;
import dk.jobagent.ingest.web.Problems;
import dk.jobagent.schemas.ErrorCode;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Refuses (403, code 4575) a caller whose access category the operation does not allow. */
@Component
public class AccessPolicy {

  /** The operations the allow-list knows, as configured. */
  public enum Op {
    CREATE,
    UPDATE,
    DELETE,
    GET;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final AccessProperties properties;

  AccessPolicy(AccessProperties properties) {
    this.properties = properties;
  }

  public void require(Op op, Caller caller) {
    String category = caller.accessCategory();
    if (category == null || !properties.allowedFor(op.key()).contains(category)) {
      throw new ApiProblem(
          Problems.of(HttpStatus.FORBIDDEN, "not-authorized", ErrorCode.NOT_AUTHORIZED));
    }
  }
}
