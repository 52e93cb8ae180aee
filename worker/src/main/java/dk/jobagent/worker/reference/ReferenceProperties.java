package dk.jobagent.worker.reference;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code jobagent.reference.*}: how long the code lists are cached (they change rarely; an operator
 * who changes one waits at most this long), how many rows a load writes per statement, and how many
 * rejections a load report lists.
 */
@ConfigurationProperties("jobagent.reference")
public record ReferenceProperties(
    Duration codeListsTtl, Integer loadChunkRows, Integer maxReportedRejections) {

  public ReferenceProperties {
    codeListsTtl = codeListsTtl == null ? Duration.ofSeconds(60) : codeListsTtl;
    loadChunkRows = loadChunkRows == null ? 5000 : loadChunkRows;
    maxReportedRejections = maxReportedRejections == null ? 1000 : maxReportedRejections;
  }

  public static ReferenceProperties defaults() {
    return new ReferenceProperties(null, null, null);
  }
}
