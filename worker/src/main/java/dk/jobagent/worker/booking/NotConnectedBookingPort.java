package dk.jobagent.worker.booking;

import dk.jobagent.worker.rules.BookingFacts;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stands in while no booking adapter is wired: no facts, no booking. It never invents an
 * IndkaldelseId: the receipt of an UpdateJobagent then simply carries none. The booking adapter
 * replaces this bean.
 */
@Component
final class NotConnectedBookingPort implements BookingPort {

  private static final Logger log = LoggerFactory.getLogger(NotConnectedBookingPort.class);

  @Override
  public BookingFacts facts(BookingRequest request) {
    return null;
  }

  @Override
  public Optional<BookingConfirmation> book(BookingRequest request) {
    log.info(
        "{}: no booking system connected, enrolment change applied without a booking", request);
    return Optional.empty();
  }
}
