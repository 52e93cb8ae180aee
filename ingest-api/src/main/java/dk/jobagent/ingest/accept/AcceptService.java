package dk.jobagent.ingest.accept;

import dk.jobagent.ingest.accept.CommitCoalescer.Overloaded;
import dk.jobagent.ingest.accept.CommitCoalescer.WriteFailed;
import dk.jobagent.ingest.accept.IngestMetrics.Outcome;
import dk.jobagent.ingest.security.Caller;
import dk.jobagent.ingest.web.ApiProblem;
import dk.jobagent.ingest.web.HeaderValue;
import dk.jobagent.ingest.web.Problems;
import dk.jobagent.ingest.web.Unavailable;
import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.audit.CprHash;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.validation.SyntaxCheck;
import dk.jobagent.schemas.validation.SyntaxResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;

/**
 * The accept path of a write: syntax only (CPR header, x-requestId, body — in that order), then the
 * request row, its outbox row and its audit record are stored in one (coalesced) transaction.
 * Business rules are the worker's.
 */
@Service
class AcceptService {

  private final SyntaxCheck syntax = SyntaxCheck.load();
  private final CommitCoalescer coalescer;
  private final IngestMetrics metrics;
  private final WriterProperties props;
  private final CprHash cprHash;

  AcceptService(
      CommitCoalescer coalescer, IngestMetrics metrics, WriterProperties props, CprHash cprHash) {
    this.cprHash = cprHash;
    this.coalescer = coalescer;
    this.metrics = metrics;
    this.props = props;
  }

  AcceptOutcome accept(
      Caller caller,
      Operation op,
      String cprHeader,
      HeaderValue requestIdValue,
      byte[] body,
      String incomingTraceParent) {
    require(op, syntax.checkCpr(cprHeader), "invalid-cpr", ErrorCode.INVALID_CPR);
    require(op, requestIdValue.check(), "invalid-request", null);
    String requestIdHeader = requestIdValue.value();
    require(op, syntax.checkRequestId(requestIdHeader), "invalid-request", null);
    require(op, syntax.checkBody(op, body), "invalid-request", null);

    Instant receivedAt = Instant.now();
    String traceParent = TraceParents.continueOrStart(incomingTraceParent);
    boolean hasBody = op != Operation.DELETE && body != null && body.length > 0;
    PendingRequest pending =
        new PendingRequest(
            caller.clientId(),
            requestIdHeader,
            op,
            cprHeader,
            caller.accessCategory(),
            RequestHasher.hashHex(op, cprHeader, body),
            hasBody ? new String(body, StandardCharsets.UTF_8) : null,
            receivedAt,
            traceParent,
            CommandJson.command(caller.clientId(), requestIdHeader, op, receivedAt),
            CommandJson.headers(traceParent),
            cprHash.hmacHex(cprHeader));
    try {
      AcceptOutcome outcome =
          coalescer.submit(pending).get(props.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
      metrics.count(op, outcome == AcceptOutcome.ACCEPTED ? Outcome.ACCEPTED : Outcome.DUPLICATE);
      return outcome;
    } catch (Overloaded e) {
      metrics.count(op, Outcome.UNAVAILABLE);
      throw Unavailable.overloaded();
    } catch (WriteFailed.Unavailable e) {
      metrics.count(op, Outcome.UNAVAILABLE);
      throw Unavailable.database();
    } catch (TimeoutException e) {
      metrics.count(op, Outcome.UNAVAILABLE);
      throw Unavailable.database();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Unavailable.database();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WriteFailed.DataRejected) {
        metrics.count(op, Outcome.REJECTED);
        throw new ApiProblem(
            Problems.withErrors(
                Problems.of(
                    HttpStatus.BAD_REQUEST, "invalid-request", ErrorCode.MESSAGE_VALIDATION),
                java.util.List.of(
                    Problems.fieldError("", "the body holds a value that cannot be stored"))));
      }
      metrics.count(op, Outcome.UNAVAILABLE);
      throw Unavailable.database();
    }
  }

  private void require(Operation op, SyntaxResult result, String slug, ErrorCode fallback) {
    if (result.ok()) {
      return;
    }
    metrics.count(op, Outcome.REJECTED);
    ErrorCode code = result.code() != null ? result.code() : fallback;
    ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, slug, code);
    throw new ApiProblem(
        Problems.withErrors(
            p,
            result.errors().stream()
                .map(f -> Problems.fieldError(f.field(), f.message()))
                .toList()));
  }
}
