package dk.jobagent.bookingsim.data;

import java.nio.file.Path;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Turns the {@code booking-sim.data-dir} property into a {@link DataFiles}: a value with a resource
 * prefix ({@code classpath:}, {@code file:}) is a Spring resource location, anything else a
 * directory path on this machine.
 */
@Component
public class DataLocations {

  private final ResourceLoader loader;

  public DataLocations(ResourceLoader loader) {
    this.loader = loader;
  }

  public DataFiles of(String location) {
    if (location.startsWith("classpath:") || location.startsWith("file:")) {
      return new ResourceDataFiles(loader, location);
    }
    return new DirectoryDataFiles(Path.of(location));
  }
}
