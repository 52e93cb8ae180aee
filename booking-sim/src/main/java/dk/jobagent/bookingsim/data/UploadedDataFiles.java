package dk.jobagent.bookingsim.data;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** CSV files received in a multipart upload, keyed by file name. */
public record UploadedDataFiles(String description, Map<String, byte[]> files)
    implements DataFiles {

  @Override
  public String describe() {
    return description;
  }

  @Override
  public Optional<Reader> open(String fileName) {
    byte[] content = files.get(fileName);
    if (content == null) {
      return Optional.empty();
    }
    return Optional.of(
        new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8));
  }
}
