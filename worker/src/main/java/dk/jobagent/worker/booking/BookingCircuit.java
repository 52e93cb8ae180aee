package dk.jobagent.worker.booking;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import org.springframework.stereotype.Component;

/**
 * The booking system's circuit as the rest of the worker sees it: whether booking work can be done
 * now, and a signal when that changes (the booking consumers pause while it is open).
 */
@Component
public class BookingCircuit {

  /** Told on every change between "calls permitted" and "open". */
  public interface Listener {
    /** The breaker opened (or was forced open): no call is attempted until it half-opens. */
    void opened();

    /** The breaker half-opened or closed: calls are attempted again. */
    void permitsCalls();
  }

  private final CircuitBreaker breaker;

  BookingCircuit(BookingClient client) {
    this.breaker = client.breaker();
  }

  /** False while the breaker is open (or forced open): booking work would only wait. */
  public boolean permitsCalls() {
    State state = breaker.getState();
    return state != State.OPEN && state != State.FORCED_OPEN;
  }

  public String state() {
    return breaker.getState().name();
  }

  /**
   * Registers a listener. It is called on the thread that caused the transition (often a consumer
   * thread in the middle of a call): it must hand any slow work to another thread.
   */
  public void addListener(Listener listener) {
    breaker
        .getEventPublisher()
        .onStateTransition(
            event -> {
              State to = event.getStateTransition().getToState();
              if (to == State.OPEN || to == State.FORCED_OPEN) {
                listener.opened();
              } else if (to == State.HALF_OPEN || to == State.CLOSED) {
                listener.permitsCalls();
              }
            });
  }
}
