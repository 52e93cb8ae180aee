package dk.jobagent.ingest.badinput;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The test's own reading of SPEC §2, written from the SPEC text rather than from the product's
 * schemas: which header values and which (parsed) bodies are syntactically valid. The corpus
 * derives every expectation from it, so a disagreement with the product is a failure to look at.
 */
final class Oracle {

  // SPEC §2, anchored as the SPEC says
  static final Pattern CPR =
      Pattern.compile(
          "^(((((0[1-9]|1[0-9]|2[0-9]|3[0-1])(01|03|05|07|08|10|12))|((0[1-9]|1[0-9]|2[0-9]|30)"
              + "(04|06|09|11))|((0[1-9]|1[0-9]|2[0-9])(02)))[0-9]{6})|0000000000)$");
  static final Pattern GUID =
      Pattern.compile(
          "^([\\da-fA-F]{8}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{12})$");
  static final Pattern EMAIL =
      Pattern.compile("^(([^>\\(\\)\\[\\]\\\\,;:@\\s]{0,191}@[^>\\(\\)\\[\\]\\\\,;:@\\s]{1,64}))$");
  static final Pattern DATE_SHAPE =
      Pattern.compile(
          "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?"
              + "(Z|[+-][0-9]{2}:[0-9]{2})?)?$");

  /** The type of each body member (SPEC §2 "Bodies"). */
  enum Type {
    CODE_LIST, // required string, 1–100 characters (a code-list value; the worker checks the list)
    DATE,
    OPTIONAL_DATE,
    OPTIONAL_EMAIL,
    PROFESSIONS,
    URI, // ConceptUriDa: 1–2048 characters
    OPTIONAL_GUID,
    GUID,
    BOOLEAN,
    OPTIONAL_INT,
    INT,
    OPTIONAL_CASEWORKER // 1–255 characters or null
  }

  static final Map<String, Type> CREATE =
      Map.of(
          "ClientCategoryTypeIdentifier", Type.CODE_LIST,
          "EnrollmentDate", Type.DATE,
          "CurrentUnemploymentStatusTypeIdentifier", Type.CODE_LIST,
          "Haendelsesdato", Type.OPTIONAL_DATE,
          "EmailAddressIdentifier", Type.OPTIONAL_EMAIL,
          "Profession", Type.PROFESSIONS);
  static final Set<String> CREATE_REQUIRED =
      Set.of(
          "ClientCategoryTypeIdentifier",
          "EnrollmentDate",
          "CurrentUnemploymentStatusTypeIdentifier");
  static final Map<String, Type> UPDATE_EXTRA =
      Map.of(
          "BookingStartTime", Type.DATE,
          "InterviewOptionID", Type.GUID,
          "CaseWorkerIdentifier", Type.OPTIONAL_CASEWORKER,
          "InterviewContactTypeIdentifier", Type.CODE_LIST);
  static final Map<String, Type> PROFESSION =
      Map.of(
          "ConceptUriDa", Type.URI,
          "AliasIdentifier", Type.OPTIONAL_GUID,
          "HasEducation", Type.BOOLEAN,
          "YearLastUsed", Type.OPTIONAL_INT,
          "MonthsOfExperience", Type.OPTIONAL_INT,
          "jobTargetIdentifier", Type.GUID);
  static final Set<String> PROFESSION_REQUIRED =
      Set.of("ConceptUriDa", "HasEducation", "jobTargetIdentifier");

  private Oracle() {}

  /** Tomcat drops a header value's surrounding spaces and tabs (RFC 9110 §5.5). */
  static String trimmed(String headerValue) {
    return headerValue == null ? null : headerValue.replaceAll("^[ \t]+|[ \t]+$", "");
  }

  static boolean cprValid(String headerValue) {
    return headerValue != null && CPR.matcher(trimmed(headerValue)).matches();
  }

  static boolean requestIdValid(String headerValue) {
    if (headerValue == null) {
      return false;
    }
    String v = trimmed(headerValue);
    int n = v.codePointCount(0, v.length());
    return n >= 1 && n <= 46;
  }

  /** Whether a parsed body is a valid CreateJobagent (update=false) or UpdateJobagent body. */
  static boolean bodyValid(JsonNode body, boolean update) {
    if (body == null || !body.isObject() || !storable(body)) {
      return false;
    }
    for (String name : body.propertyNames()) {
      Type t = CREATE.containsKey(name) ? CREATE.get(name) : update ? UPDATE_EXTRA.get(name) : null;
      if (t == null || !valid(t, body.get(name), update)) {
        return false;
      }
    }
    for (String required : CREATE_REQUIRED) {
      if (!body.has(required)) {
        return false;
      }
    }
    if (update) {
      for (String name : UPDATE_EXTRA.keySet()) {
        if (!name.equals("CaseWorkerIdentifier") && !body.has(name)) {
          return false;
        }
      }
    }
    return true;
  }

  static boolean valid(Type type, JsonNode v, boolean update) {
    return switch (type) {
      case CODE_LIST -> length(v, 1, 100);
      case DATE -> date(v);
      case OPTIONAL_DATE -> v.isNull() || date(v);
      case OPTIONAL_EMAIL -> v.isNull() || (v.isString() && EMAIL.matcher(v.asString()).matches());
      case URI -> length(v, 1, 2048);
      case OPTIONAL_GUID -> v.isNull() || guid(v);
      case GUID -> guid(v);
      case BOOLEAN -> v.isBoolean();
      case OPTIONAL_INT -> v.isNull() || int32(v);
      case INT -> int32(v);
      case OPTIONAL_CASEWORKER -> v.isNull() || length(v, 1, 255);
      case PROFESSIONS -> v.isNull() || professions(v, update);
    };
  }

  private static boolean professions(JsonNode v, boolean update) {
    if (!v.isArray() || v.size() > 200) {
      return false;
    }
    for (JsonNode item : v) {
      if (!item.isObject()) {
        return false;
      }
      for (String name : item.propertyNames()) {
        Type t = PROFESSION.get(name);
        if (update && (name.equals("YearLastUsed") || name.equals("MonthsOfExperience"))) {
          t = Type.INT;
        }
        if (t == null || !valid(t, item.get(name), update)) {
          return false;
        }
      }
      for (String required : PROFESSION_REQUIRED) {
        if (!item.has(required)) {
          return false;
        }
      }
      if (update && !(item.has("YearLastUsed") && item.has("MonthsOfExperience"))) {
        return false;
      }
    }
    return true;
  }

  private static boolean length(JsonNode v, int min, int max) {
    if (!v.isString()) {
      return false;
    }
    String s = v.asString();
    int n = s.codePointCount(0, s.length());
    return n >= min && n <= max;
  }

  private static boolean guid(JsonNode v) {
    return v.isString() && GUID.matcher(v.asString()).matches();
  }

  /** JSON Schema's integer: any number without a fractional part (1.0 and 1e2 are integers). */
  private static boolean int32(JsonNode v) {
    if (!v.isNumber()) {
      return false;
    }
    BigDecimal d = v.decimalValue();
    if (d.stripTrailingZeros().scale() > 0) {
      return false;
    }
    return d.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
        && d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
  }

  /** An ISO-8601 date or date-time of the SPEC's shape that is also a real calendar date/time. */
  static boolean date(JsonNode v) {
    if (!v.isString() || !DATE_SHAPE.matcher(v.asString()).matches()) {
      return false;
    }
    String s = v.asString();
    try {
      if (s.length() == 10) {
        LocalDate.parse(s);
      } else if (s.endsWith("Z") || s.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
        OffsetDateTime.parse(s);
      } else {
        LocalDateTime.parse(s);
      }
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * PostgreSQL's jsonb (where the request is kept) cannot hold a NUL character or a lone surrogate;
   * a body with one is refused with 1014 rather than half-stored.
   */
  static boolean storable(JsonNode node) {
    if (node.isString()) {
      return storable(node.asString());
    }
    if (node.isObject()) {
      for (String name : node.propertyNames()) {
        if (!storable(name) || !storable(node.get(name))) {
          return false;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (!storable(item)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean storable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
