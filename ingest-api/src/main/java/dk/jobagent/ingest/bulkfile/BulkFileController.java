package dk.jobagent.ingest.bulkfile;

import dk.jobagent.ingest.security.AccessPolicy;
import dk.jobagent.ingest.security.Caller;
import dk.jobagent.ingest.web.ApiProblem;
import dk.jobagent.ingest.web.HeaderValue;
import dk.jobagent.ingest.web.Problems;
import dk.jobagent.schemas.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk files over HTTP (SPEC §7, issue #11): upload, status and progress, result download. A caller
 * sees only its own uploads (404 otherwise). Uploads need scope {@code match.jobagent.write} and an
 * access category allowed to create; status and result need {@code match.jobagent.read} and one
 * allowed to read.
 */
@RestController
class BulkFileController {

  static final String PATH = "/v1/bulk-files";
  private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
  private static final MediaType JSONL = MediaType.parseMediaType("application/jsonl");
  private static final MediaType GZIP = MediaType.parseMediaType("application/gzip");

  private final BulkUploader uploader;
  private final BulkFileStatus status;
  private final BulkUploadProperties properties;
  private final AccessPolicy access;

  BulkFileController(
      BulkUploader uploader,
      BulkFileStatus status,
      BulkUploadProperties properties,
      AccessPolicy access) {
    this.uploader = uploader;
    this.status = status;
    this.properties = properties;
    this.access = access;
  }

  static String location(UUID id) {
    return PATH + "/" + id;
  }

  @PostMapping(PATH)
  ResponseEntity<Map<String, Object>> upload(
      HttpServletRequest request,
      @AuthenticationPrincipal Jwt jwt,
      @RequestParam(name = "start", required = false) String start,
      @RequestParam(name = "fileName", required = false) String fileName)
      throws IOException {
    Caller caller = Caller.of(jwt);
    access.require(AccessPolicy.Op.CREATE, caller);
    // read as on the single writes: given once, no control characters (HeaderValue)
    HeaderValue requestIdHeader = HeaderValue.of(request, "x-requestId");
    String requestId =
        requestIdHeader.readable() && requestIdHeader.count() == 1 ? requestIdHeader.value() : null;
    if (requestId == null || requestId.isEmpty() || requestId.length() > 46) {
      throw new ApiProblem(
          Problems.withErrors(
              Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", ErrorCode.MESSAGE_VALIDATION),
              java.util.List.of(
                  Problems.fieldError(
                      "x-requestId", "required once, 1-46 characters, no control characters"))));
    }
    boolean gzip = gzip(request);
    if (start != null && !start.equals("now")) {
      throw new ApiProblem(
          Problems.of(
              HttpStatus.BAD_REQUEST,
              "invalid-request",
              "Invalid request",
              "start takes one value: now (leave it out to wait for the nightly run)."));
    }
    long declared = request.getContentLengthLong();
    if (declared > properties.maxUploadSize().toBytes()) {
      throw uploader.tooLarge();
    }
    String name = displayName(fileName, gzip);
    BulkUploader.Stored stored;
    try (InputStream body = request.getInputStream()) {
      stored = uploader.upload(caller.clientId(), requestId, name, gzip, "now".equals(start), body);
    }
    return ResponseEntity.accepted()
        .location(URI.create(location(stored.id())))
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(status.view(caller.clientId(), stored.id()));
  }

  @GetMapping(PATH + "/{id}")
  ResponseEntity<Map<String, Object>> get(
      @PathVariable String id, HttpServletRequest request, @AuthenticationPrincipal Jwt jwt) {
    Caller caller = Caller.of(jwt);
    access.require(AccessPolicy.Op.GET, caller);
    UUID uuid = parse(id);
    int wait = PreferWaitHeader.seconds(request.getHeaders("Prefer"));
    Map<String, Object> view =
        wait > 0
            ? status.await(caller.clientId(), uuid, wait)
            : status.view(caller.clientId(), uuid);
    ResponseEntity.BodyBuilder response = ResponseEntity.ok().header(HttpHeaders.VARY, "Prefer");
    if (wait >= 0) {
      response.header("Preference-Applied", "wait=" + wait);
    }
    if (!BulkFileStatus.FINAL.contains((String) view.get("status"))) {
      response.header(HttpHeaders.RETRY_AFTER, "5");
    }
    return response.body(view);
  }

  /** Streams the result file, gzip-compressed on the fly when the client accepts gzip. */
  @GetMapping(PATH + "/{id}/result")
  void result(
      @PathVariable String id,
      HttpServletRequest request,
      HttpServletResponse response,
      @AuthenticationPrincipal Jwt jwt)
      throws IOException {
    Caller caller = Caller.of(jwt);
    access.require(AccessPolicy.Op.GET, caller);
    UUID uuid = parse(id);
    Map<String, Object> view = status.view(caller.clientId(), uuid);
    if (!"COMPLETED".equals(view.get("status"))) {
      throw new ApiProblem(
          Problems.of(
              HttpStatus.CONFLICT,
              "bulk-file-not-finished",
              "Not finished",
              "The file is " + view.get("status") + "; the result exists once it is COMPLETED."));
    }
    Path file =
        properties
            .outbox()
            .resolve(caller.clientId())
            .resolve(status.storedName(caller.clientId(), uuid) + ".result.jsonl");
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new ApiProblem(
          Problems.of(
              HttpStatus.NOT_FOUND,
              "bulk-result-not-found",
              "Result not found",
              "The file completed but its result file is not (or no longer) in the outbox."));
    }
    try (in) {
      response.setStatus(200);
      response.setContentType(NDJSON.toString());
      response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
      if (acceptsGzip(request)) {
        response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        try (OutputStream out = new GZIPOutputStream(response.getOutputStream(), 64 * 1024)) {
          in.transferTo(out);
        }
      } else {
        response.setContentLengthLong(Files.size(file));
        try (OutputStream out = response.getOutputStream()) {
          in.transferTo(out);
        }
      }
    }
  }

  private static boolean acceptsGzip(HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
    if (accept == null) {
      return false;
    }
    for (String part : accept.toLowerCase(Locale.ROOT).split(",")) {
      String[] coding = part.trim().split(";");
      if (coding[0].trim().equals("gzip")) {
        return !(coding.length > 1 && coding[1].replace(" ", "").matches("q=0(\\.0*)?"));
      }
    }
    return false;
  }

  private static boolean gzip(HttpServletRequest request) {
    MediaType type;
    try {
      type =
          request.getContentType() == null
              ? null
              : MediaType.parseMediaType(request.getContentType());
    } catch (RuntimeException e) {
      type = null;
    }
    String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
    boolean gzipEncoded = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    if (encoding != null && !gzipEncoded && !encoding.trim().equalsIgnoreCase("identity")) {
      throw unsupported("Content-Encoding may be gzip or identity.");
    }
    if (type != null && GZIP.includes(type)) {
      return true;
    }
    if (type == null || !(NDJSON.isCompatibleWith(type) || JSONL.isCompatibleWith(type))) {
      throw unsupported(
          "Bulk files are JSON Lines: send Content-Type: application/x-ndjson (with"
              + " Content-Encoding: gzip when compressed).");
    }
    return gzipEncoded;
  }

  private static ApiProblem unsupported(String detail) {
    return new ApiProblem(
        Problems.of(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Unsupported media type",
            detail));
  }

  /** The caller's name for the file (display only: the stored name is the id). */
  private static String displayName(String fileName, boolean gzip) {
    if (fileName == null || fileName.isBlank()) {
      return gzip ? "upload.jsonl.gz" : "upload.jsonl";
    }
    String cleaned = fileName.replaceAll("[^A-Za-z0-9._ -]", "_").strip();
    return cleaned.length() > 255 ? cleaned.substring(0, 255) : cleaned;
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw BulkFileStatus.notFound();
    }
  }
}
