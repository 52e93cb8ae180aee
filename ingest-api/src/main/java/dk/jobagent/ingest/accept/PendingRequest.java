package dk.jobagent.ingest.accept;

import dk.jobagent.schemas.CprMask;
import dk.jobagent.schemas.messages.Operation;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One syntactically valid write, waiting for a coalesced commit: the request row, its outbox row
 * (command JSON and headers), its audit record's CPR hash and the future the HTTP request waits on.
 */
final class PendingRequest {

  final String clientId;
  final String requestId;
  final Operation operation;
  final String cpr;
  final String accessCategory;
  final String bodyHashHex;
  final String body;
  final Instant receivedAt;
  final String traceParent;
  final String commandJson;
  final String headersJson;
  // the audit record's CPR: keyed hash (hex) and masked form; never the CPR itself
  final String cprHmacHex;
  final String cprMasked;
  final CompletableFuture<AcceptOutcome> outcome = new CompletableFuture<>();

  PendingRequest(
      String clientId,
      String requestId,
      Operation operation,
      String cpr,
      String accessCategory,
      String bodyHashHex,
      String body,
      Instant receivedAt,
      String traceParent,
      String commandJson,
      String headersJson) {
    this(
        clientId,
        requestId,
        operation,
        cpr,
        accessCategory,
        bodyHashHex,
        body,
        receivedAt,
        traceParent,
        commandJson,
        headersJson,
        null);
  }

  PendingRequest(
      String clientId,
      String requestId,
      Operation operation,
      String cpr,
      String accessCategory,
      String bodyHashHex,
      String body,
      Instant receivedAt,
      String traceParent,
      String commandJson,
      String headersJson,
      String cprHmacHex) {
    this.clientId = clientId;
    this.requestId = requestId;
    this.operation = operation;
    this.cpr = cpr;
    this.accessCategory = accessCategory;
    this.bodyHashHex = bodyHashHex;
    this.body = body;
    this.receivedAt = receivedAt;
    this.traceParent = traceParent;
    this.commandJson = commandJson;
    this.headersJson = headersJson;
    this.cprHmacHex = cprHmacHex;
    this.cprMasked = CprMask.mask(cpr);
  }

  Key key() {
    return new Key(clientId, requestId);
  }

  /** The dedupe key: the request table's primary key. */
  record Key(String clientId, String requestId) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = clientId.compareTo(o.clientId);
      return c != 0 ? c : requestId.compareTo(o.requestId);
    }
  }
}
