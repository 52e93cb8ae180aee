package dk.jobagent.ingest.web;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word on a request it refuses by itself: headers too large, a malformed request
 * line, a bad character in a header, a bad chunk. Those never reach the application, and Tomcat's
 * default answers them with an HTML page; this answers with a problem+json body like every other
 * error of the API. The body says nothing about the request (it may hold a CPR).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public ProblemErrorReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", Problems.TYPE_BASE + (status < 500 ? "request-refused" : "internal-error"));
    body.put("title", known == null ? "Error" : known.getReasonPhrase());
    body.put("status", status);
    body.put(
        "detail",
        status < 500
            ? "The server could not read the request as HTTP; it was not processed."
            : "The request was not processed.");
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(body));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the connection is gone or the response was committed meanwhile: nothing more to say
    }
  }
}
