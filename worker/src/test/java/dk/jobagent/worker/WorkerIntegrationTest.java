package dk.jobagent.worker;

import dk.jobagent.worker.booking.BookingSystemStub;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker's one Spring test context: extend this (and change nothing about the context) so that
 * every Spring test of the module shares it. The context runs against this JVM's own PostgreSQL
 * database and RabbitMQ vhost (schemas test-jar), with the command listeners running; retry delays
 * are shortened so the retry paths run in well under a second.
 *
 * <p>{@link FaultInjection} replaces the rule-data loader with one that fails on demand for armed
 * CPRs only; every other CPR reaches the real loader. The booking system is {@link
 * BookingSystemStub} (WireMock, stateful for slots and idempotency keys).
 */
@SpringBootTest(
    properties = {
      "jobagent.worker.commands.retry-delays=100ms,200ms,300ms",
      "jobagent.worker.commands.max-attempts=3",
      "jobagent.worker.reply-relay.poll-interval=200ms"
    })
@Import(FaultInjection.class)
public abstract class WorkerIntegrationTest {

  /** The booking system: a WireMock server per JVM that answers schemas/booking-api.yaml. */
  @DynamicPropertySource
  static void bookingSystem(DynamicPropertyRegistry registry) {
    BookingSystemStub.register(registry);
  }
}
