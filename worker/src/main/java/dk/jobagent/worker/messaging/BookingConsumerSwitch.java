package dk.jobagent.worker.messaging;

import dk.jobagent.worker.booking.BookingCircuit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Circuit-aware consumption (SPEC §6): while the booking system's circuit breaker is open the
 * consumers of {@code jobagent.commands.booking} stop (the commands wait in the queue, unacked
 * prefetched ones go back to it), and they start again when it half-opens. Create and delete
 * commands never wait for the booking system: they have their own queue.
 *
 * <p>Stopping a container waits for the listeners in flight, and a transition is reported on the
 * thread whose call caused it (a listener of that very container), so the switch works on its own
 * single thread, and always towards the breaker's state at that moment: transitions that come
 * quickly one after the other cannot leave the consumers in the wrong state.
 *
 * <p>Gauge {@code jobagent.booking.consumers.paused}: 1 while paused.
 */
@Component
class BookingConsumerSwitch implements BookingCircuit.Listener, DisposableBean {

  static final String CONTAINER_ID = "enrolment-booking-commands";

  private static final Logger log = LoggerFactory.getLogger(BookingConsumerSwitch.class);

  private final BookingCircuit circuit;
  private final RabbitListenerEndpointRegistry registry;
  private final ExecutorService switcher =
      Executors.newSingleThreadExecutor(
          Thread.ofVirtual().name("booking-consumer-switch").factory());
  private volatile boolean paused;

  BookingConsumerSwitch(
      BookingCircuit circuit, RabbitListenerEndpointRegistry registry, MeterRegistry meters) {
    this.circuit = circuit;
    this.registry = registry;
    circuit.addListener(this);
    Gauge.builder("jobagent.booking.consumers.paused", this, s -> s.paused ? 1 : 0)
        .description("1 while the booking command consumers wait for the booking system")
        .register(meters);
  }

  @Override
  public void opened() {
    switcher.execute(this::follow);
  }

  @Override
  public void permitsCalls() {
    switcher.execute(this::follow);
  }

  private void follow() {
    MessageListenerContainer container = registry.getListenerContainer(CONTAINER_ID);
    if (container == null || !registry.isRunning()) {
      return;
    }
    try {
      if (circuit.permitsCalls()) {
        if (!container.isRunning()) {
          container.start();
          log.info("booking system circuit {}: booking command consumers resumed", circuit.state());
        }
        paused = false;
      } else if (container.isRunning()) {
        paused = true;
        log.warn("booking system circuit {}: booking command consumers paused", circuit.state());
        container.stop();
      }
    } catch (RuntimeException e) {
      log.error("could not switch the booking command consumers", e);
    }
  }

  @Override
  public void destroy() {
    switcher.shutdownNow();
  }
}
