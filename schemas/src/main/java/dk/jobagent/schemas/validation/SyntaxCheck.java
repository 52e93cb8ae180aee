package dk.jobagent.schemas.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.CprMask;
import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.messages.Operation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The syntax checks of a Jobagent request, shared by ingest-api (HTTP) and the worker's bulk job
 * (file lines), so that both reject exactly the same things with the same codes: 1001 for the CPR,
 * 1014 for everything else. The rules live in the JSON Schemas under {@code contracts/json/} (the
 * module's {@code schemas/json/}); this class adds what JSON Schema cannot say: a guarded parser
 * (size, nesting depth, duplicate keys, UTF-8) and a real calendar parse of the dates.
 *
 * <p>Build once with {@link #load()} and share: the instance is immutable and thread-safe.
 */
public final class SyntaxCheck {

  /** Largest body accepted, in bytes. A full UpdateJobagent with 200 job wishes is ~80 KB. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /** Deepest nesting accepted. A real body nests 3 deep (a bulk line 4); this leaves headroom. */
  public static final int MAX_NESTING_DEPTH = 16;

  /** At most this many field errors are listed; a last entry says how many more there were. */
  public static final int MAX_REPORTED_ERRORS = 100;

  private static final String HEADER_CPR = "x-civilRegistrationIdentifier";
  private static final String HEADER_REQUEST_ID = "x-requestId";
  private static final String CPR_MESSAGE =
      "must be a CPR number of 10 digits starting with a valid day and month (DDMM), or 0000000000";
  private static final Set<String> DATE_FIELDS =
      Set.of("EnrollmentDate", "Haendelsesdato", "BookingStartTime");
  private static final Set<String> GUID_FIELDS =
      Set.of("AliasIdentifier", "jobTargetIdentifier", "InterviewOptionID");
  // Same shape as definitions.schema.json#/$defs/DateOrDateTime; only values of this shape are
  // parsed (others already got the schema's error).
  private static final Pattern DATE_SHAPE =
      Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?"
              + "(Z|[+-][0-9]{2}:[0-9]{2})?)?");

  private static final Pattern NULLABLE_TYPE = Pattern.compile("\\[(\\w+), null] expected");

  private static volatile SyntaxCheck instance;

  private final JsonMapper mapper;
  private final Schema cpr;
  private final Schema requestId;
  private final Map<Operation, Schema> bodies;
  private final Schema bulkLine;

  private SyntaxCheck() {
    // The limits are enforced by the parser itself, so a hostile body can never reach a
    // recursive code path: a 10,000-deep array fails at depth MAX_NESTING_DEPTH + 1.
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxDocumentLength(MAX_BODY_BYTES)
                    .maxStringLength(MAX_BODY_BYTES)
                    .maxNameLength(1024)
                    .maxNumberLength(100)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    ContractSchemas contracts = ContractSchemas.get();
    this.cpr = contracts.schema("definitions#/$defs/Cpr");
    this.requestId = contracts.schema("definitions#/$defs/RequestId");
    this.bodies =
        Map.of(
            Operation.CREATE, contracts.schema("create-jobagent-request"),
            Operation.UPDATE, contracts.schema("update-jobagent-request"));
    this.bulkLine = contracts.schema("bulk-line");
  }

  /** The shared instance (schemas are loaded and compiled once). */
  public static SyntaxCheck load() {
    SyntaxCheck local = instance;
    if (local == null) {
      synchronized (SyntaxCheck.class) {
        local = instance;
        if (local == null) {
          local = new SyntaxCheck();
          instance = local;
        }
      }
    }
    return local;
  }

  /** The x-civilRegistrationIdentifier header: 1001 unless the whole value matches the seed. */
  public SyntaxResult checkCpr(String cprHeader) {
    if (cprHeader == null
        || !cpr.validate(JsonNodeFactory.instance.stringNode(cprHeader)).isEmpty()) {
      return SyntaxResult.invalid(
          ErrorCode.INVALID_CPR, List.of(new FieldError(HEADER_CPR, CPR_MESSAGE)));
    }
    return SyntaxResult.valid();
  }

  /** The x-requestId header (required on writes): 1014 unless 1–46 characters. */
  public SyntaxResult checkRequestId(String value) {
    if (value == null) {
      return SyntaxResult.invalid(
          ErrorCode.MESSAGE_VALIDATION, List.of(new FieldError(HEADER_REQUEST_ID, "is required")));
    }
    if (!requestId.validate(JsonNodeFactory.instance.stringNode(value)).isEmpty()) {
      return SyntaxResult.invalid(
          ErrorCode.MESSAGE_VALIDATION,
          List.of(new FieldError(HEADER_REQUEST_ID, "must be 1-46 characters")));
    }
    return SyntaxResult.valid();
  }

  /**
   * A request body as received: 1014 listing every field error (invalid UTF-8, invalid JSON, schema
   * violations against the CREATE or UPDATE schema, impossible dates). DELETE takes no body: it
   * must be absent or empty.
   */
  public SyntaxResult checkBody(Operation op, byte[] utf8Json) {
    boolean empty = utf8Json == null || isBlank(utf8Json);
    if (op == Operation.DELETE) {
      return empty ? SyntaxResult.valid() : bodyError("", "DeleteJobagent takes no body");
    }
    if (empty) {
      return bodyError("", "a JSON body is required");
    }
    Parsed parsed = parse(utf8Json);
    return parsed.ok() ? checkBodyNode(op, parsed.node()) : parsed.error();
  }

  /** Same as {@link #checkBody} for a body that is already parsed (e.g. a bulk line's request). */
  public SyntaxResult checkBodyNode(Operation op, JsonNode body) {
    boolean absent = body == null || body.isMissingNode() || body.isNull();
    if (op == Operation.DELETE) {
      return absent ? SyntaxResult.valid() : bodyError("", "DeleteJobagent takes no body");
    }
    if (absent) {
      return bodyError("", "a JSON body is required");
    }
    if (tooDeep(body, MAX_NESTING_DEPTH)) {
      return bodyError("", "nesting deeper than " + MAX_NESTING_DEPTH + " levels");
    }
    List<FieldError> errors = new ArrayList<>();
    validate(bodies.get(op), body, "", errors);
    return SyntaxResult.invalid(ErrorCode.MESSAGE_VALIDATION, cap(errors));
  }

  /**
   * One bulk-file line ({@code {"requestId","cpr","operation":"CREATE","request":{…}}}, SPEC §7),
   * already parsed: the same checks as the API applies to its headers and body. The code is 1001
   * when the line's cpr is invalid (as for the header), else 1014; every error is listed either
   * way.
   */
  public SyntaxResult checkBulkLine(JsonNode line) {
    if (line == null || line.isMissingNode() || line.isNull()) {
      return bodyError("", "an empty line is not a request");
    }
    if (tooDeep(line, MAX_NESTING_DEPTH)) {
      return bodyError("", "nesting deeper than " + MAX_NESTING_DEPTH + " levels");
    }
    List<FieldError> errors = new ArrayList<>();
    validate(bulkLine, line, "", errors);
    boolean badCpr = errors.stream().anyMatch(e -> e.field().equals("/cpr"));
    return SyntaxResult.invalid(
        badCpr ? ErrorCode.INVALID_CPR : ErrorCode.MESSAGE_VALIDATION, cap(errors));
  }

  /**
   * Parses UTF-8 JSON with the guards of this class (size, depth, duplicate keys, trailing tokens).
   * For callers that need the tree afterwards, e.g. the bulk reader parsing a line.
   */
  public Parsed parse(byte[] utf8Json) {
    if (utf8Json == null || isBlank(utf8Json)) {
      return new Parsed(null, bodyError("", "a JSON body is required"));
    }
    if (utf8Json.length > MAX_BODY_BYTES) {
      return new Parsed(null, bodyError("", "body larger than " + MAX_BODY_BYTES + " bytes"));
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8Json));
    } catch (CharacterCodingException e) {
      return new Parsed(null, bodyError("", "body is not valid UTF-8"));
    }
    try {
      return new Parsed(mapper.readTree(utf8Json), null);
    } catch (StreamConstraintsException e) {
      return new Parsed(null, bodyError("", "body exceeds a parser limit: " + limitOf(e)));
    } catch (JacksonException e) {
      return new Parsed(null, bodyError("", "body is not valid JSON: " + describe(e)));
    } catch (RuntimeException | StackOverflowError e) {
      // Defence in depth: the limits above should make this unreachable.
      return new Parsed(null, bodyError("", "body is not valid JSON"));
    }
  }

  /** A parse outcome: the tree, or the 1014 result explaining why there is none. */
  public record Parsed(JsonNode node, SyntaxResult error) {
    public boolean ok() {
      return error == null;
    }
  }

  private void validate(Schema schema, JsonNode node, String prefix, List<FieldError> out) {
    List<Error> errors;
    try {
      errors = schema.validate(node);
    } catch (RuntimeException | StackOverflowError e) {
      out.add(new FieldError(prefix, "could not be validated"));
      return;
    }
    for (Error error : errors) {
      out.add(toFieldError(error));
    }
    checkDates(node, "", out);
  }

  /** Dates of the right shape must also be real dates (2026-02-30 is not). */
  private static void checkDates(JsonNode node, String pointer, List<FieldError> out) {
    if (!node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      String name = member.getKey();
      JsonNode value = member.getValue();
      String path = pointer + "/" + escape(name);
      if (DATE_FIELDS.contains(name) && value.isString()) {
        String text = value.asString();
        if (DATE_SHAPE.matcher(text).matches() && CopenhagenDates.toDate(text).isEmpty()) {
          out.add(new FieldError(path, "is not a real date or time"));
        }
      } else if ("request".equals(name) && pointer.isEmpty()) {
        checkDates(value, path, out); // a bulk line's request
      }
    }
  }

  private static FieldError toFieldError(Error error) {
    String location =
        error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    String property = error.getProperty();
    switch (keyword) {
      case "required":
        return new FieldError(location + "/" + escape(property), "is required");
      case "additionalProperties":
        return new FieldError(
            CprMask.maskAll(location + "/" + escape(property)), "is not a known member");
      default:
        break;
    }
    String field = lastSegment(location);
    String message;
    if ("pattern".equals(keyword) && DATE_FIELDS.contains(field)) {
      message = "must be an ISO-8601 date (2026-11-27) or date-time (2026-11-27T10:00:00+01:00)";
    } else if ("pattern".equals(keyword) && GUID_FIELDS.contains(field)) {
      message = "must be a GUID (8-4-4-4-12 hexadecimal digits)";
    } else if ("pattern".equals(keyword) && "EmailAddressIdentifier".equals(field)) {
      message = "is not a valid e-mail address";
    } else if ("cpr".equals(field)) {
      message = CPR_MESSAGE;
    } else {
      message = stripLocation(error.getMessage(), location);
      if ("type".equals(keyword)) {
        // "[string, null] expected" reads as if null were a good idea: name the real type.
        message = NULLABLE_TYPE.matcher(message).replaceAll("$1 expected");
      }
    }
    return new FieldError(location, CprMask.maskAll(message));
  }

  /** The validator prefixes messages with the instance location; the field carries it already. */
  private static String stripLocation(String message, String location) {
    if (message == null) {
      return "is invalid";
    }
    String prefix = location + ": ";
    String trimmed = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    return trimmed.startsWith(": ") ? trimmed.substring(2) : trimmed;
  }

  private static String lastSegment(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash < 0 ? pointer : pointer.substring(slash + 1);
  }

  private static String escape(String name) {
    return name == null ? "" : name.replace("~", "~0").replace("/", "~1");
  }

  /** Iterative, so that a deep tree built by someone else's parser cannot overflow the stack. */
  private static boolean tooDeep(JsonNode root, int maxDepth) {
    Deque<JsonNode> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(root);
    depths.push(1);
    while (!nodes.isEmpty()) {
      JsonNode node = nodes.pop();
      int depth = depths.pop();
      if (node.isContainer()) {
        if (depth > maxDepth) {
          return true;
        }
        for (JsonNode child : node.values()) {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    }
    return false;
  }

  private static List<FieldError> cap(List<FieldError> errors) {
    if (errors.size() <= MAX_REPORTED_ERRORS) {
      return errors;
    }
    List<FieldError> capped = new ArrayList<>(errors.subList(0, MAX_REPORTED_ERRORS));
    capped.add(new FieldError("", "and " + (errors.size() - MAX_REPORTED_ERRORS) + " more errors"));
    return capped;
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private static SyntaxResult bodyError(String field, String message) {
    return SyntaxResult.invalid(
        ErrorCode.MESSAGE_VALIDATION, List.of(new FieldError(field, message)));
  }

  private static String limitOf(StreamConstraintsException e) {
    String m = e.getOriginalMessage();
    if (m != null && m.contains("nesting depth")) {
      return "nesting deeper than " + MAX_NESTING_DEPTH + " levels";
    }
    return m == null ? "too large" : CprMask.maskAll(firstLine(m));
  }

  /** Jackson's own message, without the source excerpt (it could echo a CPR from the body). */
  private static String describe(JacksonException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "syntax error";
    }
    String where =
        e.getLocation() == null
            ? ""
            : " (line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr()
                + ")";
    return CprMask.maskAll(firstLine(m)) + where;
  }

  private static String firstLine(String m) {
    int nl = m.indexOf('\n');
    String line = nl < 0 ? m : m.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
