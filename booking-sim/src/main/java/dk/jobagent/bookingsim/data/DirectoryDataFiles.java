package dk.jobagent.bookingsim.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The CSV files of a directory on this machine. */
public record DirectoryDataFiles(Path dir) implements DataFiles {

  @Override
  public String describe() {
    return dir.toAbsolutePath().normalize().toString();
  }

  @Override
  public Optional<Reader> open(String fileName) throws IOException {
    Path file = dir.resolve(fileName);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(Files.newBufferedReader(file, StandardCharsets.UTF_8));
  }
}
