package dk.jobagent.ingest.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Reads a request body as bytes with a hard size limit (413 problem beyond it) and refuses a
 * declared non-JSON media type (415). Controllers read bytes, not objects, because the syntax check
 * must see the exact body (to list every field error) and the dedupe hash is taken over it.
 */
@Component
public class BodyReader {

  private final int maxBytes;

  BodyReader(@Value("${jobagent.ingest.max-body-size:1MB}") DataSize maxBodySize) {
    this.maxBytes = (int) maxBodySize.toBytes();
  }

  public byte[] read(HttpServletRequest request) {
    requireJson(request);
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge();
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        throw tooLarge();
      }
      return body;
    } catch (IOException e) {
      throw new ApiProblem(
          Problems.of(
              HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable body", "Body read failed."));
    }
  }

  private static void requireJson(HttpServletRequest request) {
    String contentType = request.getContentType();
    if (contentType == null || contentType.isBlank()) {
      return; // lenient: the syntax check decides whether the bytes are JSON
    }
    MediaType type;
    try {
      type = MediaType.parseMediaType(contentType);
    } catch (IllegalArgumentException e) {
      throw unsupported();
    }
    boolean json =
        MediaType.APPLICATION_JSON.isCompatibleWith(type)
            || (type.getType().equals("application") && type.getSubtype().endsWith("+json"));
    if (!json) {
      throw unsupported();
    }
  }

  private ApiProblem tooLarge() {
    return new ApiProblem(
        Problems.of(
            HttpStatus.CONTENT_TOO_LARGE,
            "payload-too-large",
            "Payload too large",
            "The body exceeds " + maxBytes + " bytes."));
  }

  private static ApiProblem unsupported() {
    return new ApiProblem(
        Problems.of(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Unsupported media type",
            "Bodies are JSON: send Content-Type: application/json."));
  }
}
