package dk.jobagent.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class IngestApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(IngestApiApplication.class, args);
  }
}
