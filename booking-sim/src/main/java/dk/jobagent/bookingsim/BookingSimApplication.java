package dk.jobagent.bookingsim;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BookingSimApplication {

  public static void main(String[] args) {
    SpringApplication.run(BookingSimApplication.class, args);
  }
}
