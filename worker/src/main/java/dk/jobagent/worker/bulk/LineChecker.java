package dk.jobagent.worker.bulk;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.validation.FieldError;
import dk.jobagent.schemas.validation.SyntaxCheck;
import dk.jobagent.schemas.validation.SyntaxCheck.Parsed;
import dk.jobagent.schemas.validation.SyntaxResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The syntax checks of one bulk line, with ingest-api's code ({@link SyntaxCheck}): the same
 * guarded parser, the requestId check of the x-requestId header, and the bulk-line schema, which
 * checks the cpr like the x-civilRegistrationIdentifier header (1001) and the request like a
 * CreateJobagent body (1014). Thread-safe: chunks are checked in parallel.
 */
@Component
class LineChecker {

  private static final String PLACEHOLDER = "x";

  private final SyntaxCheck syntax = SyntaxCheck.load();
  private final JsonMapper json;

  LineChecker(JsonMapper json) {
    this.json = json;
  }

  CheckedLine check(BulkLine line) {
    if (line.tooLong()) {
      return rejected(
          line, null, null, "", "line longer than " + JsonLinesReader.MAX_LINE_BYTES + " bytes");
    }
    Parsed parsed = syntax.parse(line.bytes());
    if (!parsed.ok()) {
      return new CheckedLine(line.lineNo(), null, null, parsed.error(), null, null, null);
    }
    JsonNode node = parsed.node();
    if (!node.isObject()) {
      return rejected(line, null, null, "", "a line must be a JSON object");
    }
    SyntaxResult result = syntax.checkBulkLine(node);
    String requestId = text(node.get("requestId"));
    String cpr = text(node.get("cpr"));
    if (!result.ok()) {
      // which of the two header-like members are usable on their own; on a valid line the
      // bulk-line schema has just checked both against the same definitions as the headers
      if (requestId != null && !syntax.checkRequestId(requestId).ok()) {
        requestId = null;
      }
      if (cpr != null && !syntax.checkCpr(cpr).ok()) {
        cpr = null;
      }
    }
    if (requestId != null && !storable(requestId)) {
      requestId = null;
    }
    byte[] hash = hash(cpr, line.bytes());
    if (!result.ok()) {
      return new CheckedLine(line.lineNo(), requestId, cpr, storable(result), null, null, hash);
    }
    if (!storable(node)) {
      // PostgreSQL's jsonb and text cannot hold a NUL or an unpaired surrogate: such a line would
      // fail its whole chunk (and every restart). ingest-api answers the same body with 1014.
      return new CheckedLine(
          line.lineNo(),
          requestId,
          cpr,
          new SyntaxResult(
              ErrorCode.MESSAGE_VALIDATION,
              List.of(new FieldError("", "the line holds a value that cannot be stored"))),
          null,
          null,
          hash);
    }
    JsonNode request = node.get("request");
    JobagentRequest body = json.treeToValue(request, JobagentRequest.class);
    return new CheckedLine(
        line.lineNo(), requestId, cpr, null, body, json.writeValueAsString(request), hash);
  }

  private static CheckedLine rejected(
      BulkLine line, String requestId, String cpr, String field, String message) {
    return new CheckedLine(
        line.lineNo(),
        requestId,
        cpr,
        new SyntaxResult(ErrorCode.MESSAGE_VALIDATION, List.of(new FieldError(field, message))),
        null,
        null,
        null);
  }

  /**
   * The field errors as they can be stored: a schema message may quote the offending value or
   * member name, which can hold a NUL or a lone surrogate that jsonb refuses (U+FFFD instead).
   */
  private static SyntaxResult storable(SyntaxResult result) {
    boolean clean = true;
    for (FieldError e : result.errors()) {
      clean &= storable(e.field()) && storable(e.message());
    }
    if (clean) {
      return result;
    }
    return new SyntaxResult(
        result.code(),
        result.errors().stream()
            .map(e -> new FieldError(replaceUnstorable(e.field()), replaceUnstorable(e.message())))
            .toList());
  }

  private static String replaceUnstorable(String s) {
    if (s == null || storable(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (c == 0 || Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Whether every name and string in the tree can be stored (no NUL, no lone surrogate). */
  private static boolean storable(JsonNode root) {
    Deque<JsonNode> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      JsonNode n = todo.pop();
      if (n.isString() && !storable(n.asString())) {
        return false;
      }
      if (n.isObject()) {
        for (Map.Entry<String, JsonNode> member : n.properties()) {
          if (!storable(member.getKey())) {
            return false;
          }
          todo.push(member.getValue());
        }
      } else if (n.isArray()) {
        n.values().forEach(todo::push);
      }
    }
    return true;
  }

  private static boolean storable(String s) {
    if (s == null) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || Character.isLowSurrogate(c)) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  private static String text(JsonNode node) {
    return node != null && node.isString() ? node.asString() : null;
  }

  /** One digest per checking thread, instead of a provider look-up per line. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
          });

  /** As ingest-api hashes a request: operation, NUL, cpr, NUL, body bytes (here: the line). */
  private static byte[] hash(String cpr, byte[] line) {
    MessageDigest sha = SHA_256.get();
    sha.reset();
    sha.update(Operation.CREATE.name().getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) 0);
    sha.update((cpr == null ? PLACEHOLDER : cpr).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) 0);
    sha.update(line);
    return sha.digest();
  }
}
