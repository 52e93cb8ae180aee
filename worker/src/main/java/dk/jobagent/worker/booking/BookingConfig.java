package dk.jobagent.worker.booking;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the booking client. The Resilience4j numbers live in {@code booking-defaults.properties}
 * (lowest precedence: application.yml or the environment override any of them); which failures
 * count is fixed here through Resilience4j's customizers.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:dk/jobagent/worker/booking/booking-defaults.properties")
class BookingConfig {

  @Bean
  CircuitBreakerConfigCustomizer bookingCircuitBreakerClassification() {
    return CircuitBreakerConfigCustomizer.of(
        BookingResilience.INSTANCE, BookingResilience::classify);
  }

  @Bean
  RetryConfigCustomizer bookingRetryClassification() {
    return RetryConfigCustomizer.of(BookingResilience.INSTANCE, BookingResilience::classify);
  }

  @Bean
  BookingClient bookingClient(
      BookingProperties properties,
      RestClient.Builder builder,
      JsonMapper json,
      CircuitBreakerRegistry breakers,
      RetryRegistry retries,
      BulkheadRegistry bulkheads,
      MeterRegistry meters) {
    return client(
        properties,
        builder,
        json,
        breakers.circuitBreaker(BookingResilience.INSTANCE),
        retries.retry(BookingResilience.INSTANCE),
        bulkheads.bulkhead(BookingResilience.INSTANCE),
        meters);
  }

  @Bean
  BookingFactsFetcher bookingFactsFetcher(BookingClient client) {
    return new BookingFactsFetcher(client);
  }

  /**
   * The JDK HttpClient with a connect timeout, HTTP/1.1 (no h2c upgrade dance with the booking
   * system) and a read timeout per request.
   */
  static BookingClient client(
      BookingProperties properties,
      RestClient.Builder builder,
      JsonMapper json,
      CircuitBreaker breaker,
      Retry retry,
      Bulkhead bulkhead,
      MeterRegistry meters) {
    HttpClient jdk =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(jdk);
    factory.setReadTimeout(properties.readTimeout());
    RestClient rest =
        builder.baseUrl(properties.baseUrl().toString()).requestFactory(factory).build();
    return new BookingClient(new BookingHttp(rest, json), breaker, retry, bulkhead, meters);
  }
}
