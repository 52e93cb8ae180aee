package dk.jobagent.ingest.accept;

import dk.jobagent.ingest.security.AccessPolicy;
import dk.jobagent.ingest.security.Caller;
import dk.jobagent.ingest.web.ApiProblem;
import dk.jobagent.ingest.web.BodyReader;
import dk.jobagent.ingest.web.HeaderValue;
import dk.jobagent.ingest.web.Problems;
import dk.jobagent.schemas.ReceiptLinks;
import dk.jobagent.schemas.messages.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * CreateJobagent, UpdateJobagent and DeleteJobagent (SPEC §2): 202 with the receipt's location once
 * the request is stored, 412 on a repeated x-requestId.
 */
@RestController
class JobagentWriteController {

  static final String HEADER_CPR = "x-civilRegistrationIdentifier";
  static final String HEADER_REQUEST_ID = "x-requestId";

  private final AcceptService service;
  private final AccessPolicy access;
  private final BodyReader bodies;

  JobagentWriteController(AcceptService service, AccessPolicy access, BodyReader bodies) {
    this.service = service;
    this.access = access;
    this.bodies = bodies;
  }

  @PostMapping("/v1/Jobagent")
  ResponseEntity<String> create(HttpServletRequest request, @AuthenticationPrincipal Jwt jwt) {
    return handle(Operation.CREATE, AccessPolicy.Op.CREATE, request, jwt);
  }

  @PutMapping("/v1/UpdateJobagent")
  ResponseEntity<String> update(HttpServletRequest request, @AuthenticationPrincipal Jwt jwt) {
    return handle(Operation.UPDATE, AccessPolicy.Op.UPDATE, request, jwt);
  }

  /** DeleteJobagent; the seed also names it on /v1/Jobagent. */
  @DeleteMapping({"/v1/UpdateJobagent", "/v1/Jobagent"})
  ResponseEntity<String> delete(HttpServletRequest request, @AuthenticationPrincipal Jwt jwt) {
    return handle(Operation.DELETE, AccessPolicy.Op.DELETE, request, jwt);
  }

  private ResponseEntity<String> handle(
      Operation op, AccessPolicy.Op accessOp, HttpServletRequest request, Jwt jwt) {
    Caller caller = Caller.of(jwt);
    access.require(accessOp, caller);
    byte[] body = bodies.read(request);
    HeaderValue cpr = HeaderValue.of(request, HEADER_CPR);
    HeaderValue requestIdHeader = HeaderValue.of(request, HEADER_REQUEST_ID);
    String requestId = requestIdHeader.value();
    AcceptOutcome outcome =
        service.accept(caller, op, cpr.value(), requestIdHeader, body, traceParent(request));
    URI receipt = receiptUri(requestId);
    if (outcome == AcceptOutcome.ACCEPTED) {
      return ResponseEntity.accepted()
          .location(receipt)
          .header(HttpHeaders.RETRY_AFTER, "1")
          .contentType(MediaType.APPLICATION_JSON)
          .body(CommandJson.accepted(requestId, receipt.toString()));
    }
    boolean reused = outcome == AcceptOutcome.REUSED;
    ProblemDetail p =
        Problems.of(
            HttpStatus.PRECONDITION_FAILED,
            reused ? "request-id-reused" : "duplicate-request",
            reused ? "x-requestId reused for a different request" : "Duplicate request",
            reused
                ? "This x-requestId was already used for a request with another operation, citizen"
                    + " or body; the first request's receipt is linked."
                : "This x-requestId was already accepted; see the first request's receipt.");
    p.setProperty("receipt", receipt.toString());
    throw new ApiProblem(p);
  }

  /** The caller's trace context, if it sent one readable copy (else a new trace is started). */
  private static String traceParent(HttpServletRequest request) {
    HeaderValue trace = HeaderValue.of(request, "traceparent");
    return trace.readable() && trace.count() == 1 ? trace.value() : null;
  }

  static URI receiptUri(String requestId) {
    return URI.create(ReceiptLinks.receipt(requestId));
  }
}
