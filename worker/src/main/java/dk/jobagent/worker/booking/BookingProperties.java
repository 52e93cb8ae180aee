package dk.jobagent.worker.booking;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the worker reaches the job centre's booking system ({@code jobagent.booking.*}).
 * The resilience settings (retry, circuit breaker, bulkhead) are Resilience4j's own properties for
 * the instance {@value BookingResilience#INSTANCE}; their defaults are in {@code
 * booking-defaults.properties} beside this class.
 *
 * @param baseUrl the booking system (docker-compose: {@code JOBAGENT_BOOKING_BASE_URL})
 * @param connectTimeout TCP connect timeout of one HTTP attempt
 * @param readTimeout how long one HTTP attempt waits for the answer
 * @param maxWait how long an UpdateJobagent may wait (from its receivedAt) for the booking system
 *     to come back before it is answered with 4769
 * @param cancelSweepInterval how often bookings whose enrolment change did not commit are cancelled
 *     again when the first cancel could not reach the booking system
 */
@ConfigurationProperties("jobagent.booking")
public record BookingProperties(
    @DefaultValue("http://localhost:8089") URI baseUrl,
    @DefaultValue("1s") Duration connectTimeout,
    @DefaultValue("2s") Duration readTimeout,
    @DefaultValue("10m") Duration maxWait,
    @DefaultValue("10s") Duration cancelSweepInterval) {}
