package dk.jobagent.bookingsim;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** A stateful simulator of a job centre's external booking system (schemas/booking-api.yaml). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BookingSimApplication {

  public static void main(String[] args) {
    SpringApplication.run(BookingSimApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
