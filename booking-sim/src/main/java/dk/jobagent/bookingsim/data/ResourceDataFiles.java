package dk.jobagent.bookingsim.data;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The CSV files under a Spring resource location ({@code classpath:demo-data/booking} or {@code
 * file:/some/dir}); works the same from the repository and from inside the jar.
 */
record ResourceDataFiles(ResourceLoader loader, String location) implements DataFiles {

  @Override
  public String describe() {
    return location;
  }

  @Override
  public Optional<Reader> open(String fileName) throws IOException {
    String base = location.endsWith("/") ? location : location + "/";
    Resource resource = loader.getResource(base + fileName);
    if (!resource.exists()) {
      return Optional.empty();
    }
    return Optional.of(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8));
  }
}
